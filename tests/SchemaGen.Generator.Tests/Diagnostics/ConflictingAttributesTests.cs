using Microsoft.CodeAnalysis;
using SchemaGen.Generator.Tests.Infrastructure;

namespace SchemaGen.Generator.Tests.Diagnostics;

/// <summary>SCHEMA006: ConflictingAttributes.</summary>
public class ConflictingAttributesTests
{
    [Fact]
    public void TfIgnore_with_TfFeature_is_reported()
    {
        const string source = """
            using SchemaGen;
            [TfExample] public partial class Both { [TfIgnore, TfFeature("x")] public long X { get; set; } }
            """;
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Diagnose(source));
        Assert.Equal("SCHEMA006", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("TfIgnore", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("X", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }
}
