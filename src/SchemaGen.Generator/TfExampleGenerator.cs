using Microsoft.CodeAnalysis;
using SchemaGen.Generator.Model;

namespace SchemaGen.Generator;

/// <summary>
/// Generates <c>ITfExample&lt;T&gt;</c> for every <c>[TfExample]</c> and <c>[TfSequenceExample]</c> type: its schema,
/// exact-size zero-allocation writing, TensorFlow-checked parsing and a columnar batch.
/// </summary>
/// <remarks>
/// The pipeline: <see cref="Parser"/> turns each attributed declaration into a value model plus diagnostics (the only
/// code that sees symbols, matched against the compilation's <see cref="KnownTypeSymbols"/>, and the code that makes
/// every decision); <see cref="Emitter"/> turns a model into source. Diagnostics go on their own output, so a change
/// in one does not re-emit the other.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class TfExampleGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Resolved once per compilation, as System.Text.Json's generator does: each parse matches symbols against these.
        IncrementalValueProvider<KnownTypeSymbols> knownTypes = context.CompilationProvider
            .Select(static (compilation, _) => new KnownTypeSymbols(compilation));

        IncrementalValuesProvider<ParseResult> examples = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypeSymbols.TfExampleAttributeName,
                predicate: static (node, _) => Parser.IsCandidate(node),
                transform: static (context, _) => context)
            .Combine(knownTypes)
            .Select(static (input, cancellationToken) => Parser.Parse(input.Left, input.Right, isSequence: false, cancellationToken))
            .WithTrackingName(TrackingNames.ExampleTypes);

        IncrementalValuesProvider<ParseResult> sequenceExamples = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypeSymbols.TfSequenceExampleAttributeName,
                predicate: static (node, _) => Parser.IsCandidate(node),
                transform: static (context, _) => context)
            .Combine(knownTypes)
            .Select(static (input, cancellationToken) => Parser.Parse(input.Left, input.Right, isSequence: true, cancellationToken))
            .WithTrackingName(TrackingNames.SequenceExampleTypes);

        Register(context, examples);
        Register(context, sequenceExamples);
    }

    private static void Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<ParseResult> results)
    {
        IncrementalValuesProvider<TypeToGenerate> models = results
            .Where(static result => result.Type is not null)
            .Select(static (result, _) => result.Type!.Value)
            .WithTrackingName(TrackingNames.Models);

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = results
            .Select(static (result, _) => result.Diagnostics)
            .Where(static diagnostics => diagnostics.Count > 0)
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(models, static (context, type) =>
            context.AddSource(Emitter.HintName(type), Emitter.Emit(type, context.CancellationToken)));

        context.RegisterSourceOutput(diagnostics, static (context, diagnostics) =>
        {
            foreach (DiagnosticInfo diagnostic in diagnostics)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });
    }
}
