using Microsoft.CodeAnalysis;
using SchemaGen.Generator.Tests.Infrastructure;

namespace SchemaGen.Generator.Tests.Diagnostics;

/// <summary>SCHEMA001: NotPartial.</summary>
public class NotPartialTests
{
    [Fact]
    public void A_type_that_is_not_partial_is_reported_and_nothing_is_generated_for_it()
    {
        // Members cannot be added to a type that is not partial, so code calling them fails too: there is no usage here.
        const string source = """
            using SchemaGen;
            [TfExample] public record Cifar(long Label);
            """;
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.BuildDiagnostics(source));
        Assert.Equal("SCHEMA001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("Cifar", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("Cifar", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Empty(result.GeneratedTrees);
    }
}
