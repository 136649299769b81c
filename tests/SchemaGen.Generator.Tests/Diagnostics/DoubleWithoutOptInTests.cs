using Microsoft.CodeAnalysis;
using SchemaGen.Generator.Tests.Infrastructure;

namespace SchemaGen.Generator.Tests.Diagnostics;

/// <summary>SCHEMA005: DoubleWithoutOptIn.</summary>
public class DoubleWithoutOptInTests
{
    [Fact]
    public void A_double_without_StoreDoubleAsFloat_is_reported()
    {
        const string source = """
            using SchemaGen;
            [TfExample] public partial class Precise { public double Ratio { get; set; } }
            """;
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Diagnose(source));
        Assert.Equal("SCHEMA005", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("StoreDoubleAsFloat", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("Ratio", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }
}
