using Microsoft.CodeAnalysis;
using SchemaGen.Generator.Tests.Infrastructure;

namespace SchemaGen.Generator.Tests.Diagnostics;

/// <summary>SCHEMA008: InvalidDefault.</summary>
public class InvalidDefaultTests
{
    [Fact]
    public void A_default_of_the_wrong_count_is_reported()
    {
        const string source = """
            using SchemaGen;
            [TfExample] public partial class Defaulted { [TfFeature(Shape = new[] { 3 }, Default = new long[] { 1, 2 })] public long[] Steps { get; set; } = []; }
            """;
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Diagnose(source));
        Assert.Equal("SCHEMA008", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("2 values", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("Steps", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }
}
