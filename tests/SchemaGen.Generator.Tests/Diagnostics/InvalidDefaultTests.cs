using Microsoft.CodeAnalysis;
using SchemaGen.Generator.Tests.Infrastructure;

namespace SchemaGen.Generator.Tests.Diagnostics;

/// <summary>SCHEMA008: InvalidDefault.</summary>
public class InvalidDefaultTests
{
    [Theory]
    [InlineData("public partial class Defaulted { [TfFeature(Shape = new[] { 3 }, Default = new long[] { 1, 2 })] public long[] Steps { get; set; } = []; }", "2 values")]
    [InlineData("public partial record Defaulted([property: TfFeature(Default = \"x\")] long Steps, long Label);", "is not a long")]
    public void A_default_that_does_not_fit_is_reported(string declaration, string problem)
    {
        string source = $"using SchemaGen;\n[TfExample] {declaration}";
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.BuildDiagnostics(source, GeneratorHarness.UsageOf("Defaulted")));
        Assert.Equal("SCHEMA008", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(problem, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("Steps", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }
}
