using Microsoft.CodeAnalysis;
using SchemaGen.Generator.Tests.Infrastructure;

namespace SchemaGen.Generator.Tests.Diagnostics;

/// <summary>SCHEMA004: InvalidShape.</summary>
public class InvalidShapeTests
{
    [Theory]
    [InlineData("public partial class Shaped { [TfFeature(Shape = new[] { 0, 3 })] public float[] Values { get; set; } = []; }", "is invalid")]
    [InlineData("public partial record struct Shaped(long Label, [property: TfFeature(Shape = new[] { 2 })] float Values);", "a single value has no shape")]
    public void A_shape_that_does_not_fit_is_reported(string declaration, string problem)
    {
        string source = $"using SchemaGen;\n[TfExample] {declaration}";
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.BuildDiagnostics(source, GeneratorHarness.UsageOf("Shaped")));
        Assert.Equal("SCHEMA004", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(problem, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("Values", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }
}
