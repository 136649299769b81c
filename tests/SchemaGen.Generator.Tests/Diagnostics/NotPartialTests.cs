using Microsoft.CodeAnalysis;
using SchemaGen.Generator.Tests.Infrastructure;

namespace SchemaGen.Generator.Tests.Diagnostics;

/// <summary>SCHEMA001: NotPartial.</summary>
public class NotPartialTests
{
    [Fact]
    public void A_type_that_is_not_partial_is_reported()
    {
        const string source = """
            using SchemaGen;
            [TfExample] public record Cifar(long Label);
            """;
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Diagnose(source));
        Assert.Equal("SCHEMA001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("Cifar", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("Cifar", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }
}
