using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SchemaGen.Generator.Tests.Infrastructure;

/// <summary>Runs the generator on source text, against the runtime and the platform's reference assemblies.</summary>
internal static class GeneratorHarness
{
    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
            .Select(path => MetadataReference.CreateFromFile(path)),
        MetadataReference.CreateFromFile(typeof(TfExampleAttribute).Assembly.Location),
    ];

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    public static CSharpCompilation Compile(params string[] sources) =>
        Compile(sources.Select(source => CSharpSyntaxTree.ParseText(source, ParseOptions)));

    public static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees) => CSharpCompilation.Create(
        "Schemas",
        trees,
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
        [new TfExampleGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns its result and the compilation's diagnostics with the generated code added.</summary>
    public static (GeneratorDriverRunResult Result, ImmutableArray<Diagnostic> CompilationDiagnostics) Run(params string[] sources)
    {
        CSharpCompilation compilation = Compile(sources);
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        return (driver.GetRunResult(), output.GetDiagnostics());
    }

    /// <summary>
    /// What a build reports: the generator's diagnostics that the compilation's options leave in place (the driver
    /// applies pragmas and per-tree severities, marking a pragma's diagnostics suppressed), then the compiler's for the
    /// compilation with the generated code added.
    /// </summary>
    public static ImmutableArray<Diagnostic> BuildDiagnostics(CSharpCompilation compilation)
    {
        CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generator);
        return [.. generator.Where(d => !d.IsSuppressed), .. output.GetDiagnostics().Where(d => !d.IsSuppressed)];
    }

    /// <inheritdoc cref="BuildDiagnostics(CSharpCompilation)"/>
    public static ImmutableArray<Diagnostic> BuildDiagnostics(params string[] sources) => BuildDiagnostics(Compile(sources));

    /// <summary>
    /// Code that calls every member the generator adds to <paramref name="type"/>: compiled with a schema, it turns a
    /// member left ungenerated into a compiler error.
    /// </summary>
    public static string UsageOf(string type) => $$"""
        static class UsesOf{{type.Replace(".", "", StringComparison.Ordinal)}}
        {
            public static {{type}} Use({{type}} value)
            {
                byte[] bytes = value.ToByteArray();
                int written = value.WriteTo(new System.Span<byte>(new byte[value.GetSerializedSize()]));
                value.WriteTo(new System.Buffers.ArrayBufferWriter<byte>());
                SchemaGen.Schema.ExampleSchema schema = {{type}}.Schema;
                bool parsed = {{type}}.TryParse(bytes, out var again, out SchemaGen.Schema.ExampleParseError error);
                {{type}}.Batch batch = {{type}}.Batch.Create(written);
                {{type}}.ParseInto(bytes, batch, 0);
                return RoundTrip(batch.Get(0));
            }

            private static T RoundTrip<T>(T value) where T : SchemaGen.Schema.ITfExample<T> => T.Parse(value.ToByteArray());
        }
        """;
}
