using Microsoft.CodeAnalysis;
using SchemaGen.Generator.Tests.Infrastructure;

namespace SchemaGen.Generator.Tests.Diagnostics;

/// <summary>SCHEMA004: InvalidShape.</summary>
public class InvalidShapeTests
{
    [Fact]
    public void A_non_positive_dimension_is_reported()
    {
        const string source = """
            using SchemaGen;
            [TfExample] public partial class Shaped { [TfFeature(Shape = new[] { 0, 3 })] public float[] Values { get; set; } = []; }
            """;
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Diagnose(source));
        Assert.Equal("SCHEMA004", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("Shape", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("Values", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }
}
