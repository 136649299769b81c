using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Google.Protobuf;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SchemaGen.Generator;
using SchemaGen.Protos;
using SchemaGen.Schema;

namespace SchemaGen.Cli.Tests.Infrastructure;

/// <summary>
/// Compiles a declaration that <c>schemagen schema</c> printed, with the SchemaGen generator, into a collectible
/// assembly, and checks the type it declares against the records it was inferred from.
/// </summary>
internal static class InferredSchemas
{
    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
            .Select(path => MetadataReference.CreateFromFile(path)),
        MetadataReference.CreateFromFile(typeof(TfExampleAttribute).Assembly.Location),
    ];

    /// <summary>Compiles the declaration (failing on any diagnostic, warnings included) and returns the declared type.</summary>
    public static Type Compile(string declaration, string typeName, AssemblyLoadContext context)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp12);
        var compilation = CSharpCompilation.Create(
            "Inferred" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(declaration, parseOptions)],
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new TfExampleGenerator().AsSourceGenerator()], parseOptions: parseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));

        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        return context.LoadFromStream(image).GetType(typeName, throwOnError: true)!;
    }

    /// <summary>
    /// Parses every record of the files with the declared type and its batch, and checks what the type writes back
    /// against Google.Protobuf's sorted encoding of the record (less its features with no kind, which TensorFlow reads
    /// as missing). Returns the number of records.
    /// </summary>
    public static long ParseEveryRecord(Type type, bool sequence, IEnumerable<string> files)
    {
        MethodInfo check = typeof(InferredSchemas).GetMethod(nameof(Check), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type, type.GetNestedType("Batch")!);
        try
        {
            return (long)check.Invoke(null, [sequence, files])!;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }
    }

    private static long Check<T, TBatch>(bool sequence, IEnumerable<string> files)
        where T : ITfExample<T>
        where TBatch : ITfExampleBatch<TBatch, T>
    {
        TBatch batch = TBatch.Create(64);
        long records = 0;
        foreach (string file in files)
        {
            foreach (byte[] record in RecordPayloadReader.Read(file))
            {
                T value = T.Parse(record);
                byte[] expected = SortedWithoutEmptyFeatures(record, sequence);
                Assert.Equal(expected, value.ToByteArray());

                if (batch.Count == batch.Capacity)
                {
                    batch.Clear();
                }

                batch.ParseInto(record, batch.Count);
                Assert.Equal(expected, batch.Get(batch.Count - 1).ToByteArray());
                records++;
            }
        }

        return records;
    }

    private static byte[] SortedWithoutEmptyFeatures(byte[] record, bool sequence)
    {
        if (!sequence)
        {
            var example = Example.Parser.ParseFrom(record);
            DropEmpty(example.Features);
            return RecordPayloadReader.SortedEncoding(example.ToByteArray(), sequence: false);
        }

        var sequenceExample = SequenceExample.Parser.ParseFrom(record);
        DropEmpty(sequenceExample.Context);
        return RecordPayloadReader.SortedEncoding(sequenceExample.ToByteArray(), sequence: true);
    }

    private static void DropEmpty(Features? features)
    {
        foreach (string key in features?.Feature.Where(f => f.Value.KindCase == Feature.KindOneofCase.None).Select(f => f.Key).ToArray() ?? [])
        {
            features!.Feature.Remove(key);
        }
    }
}
