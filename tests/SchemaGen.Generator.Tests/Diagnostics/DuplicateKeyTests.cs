using Microsoft.CodeAnalysis;
using SchemaGen.Generator.Tests.Infrastructure;

namespace SchemaGen.Generator.Tests.Diagnostics;

/// <summary>SCHEMA003: DuplicateKey.</summary>
public class DuplicateKeyTests
{
    [Fact]
    public void Two_members_with_one_key_are_reported_at_the_second()
    {
        const string source = """
            using SchemaGen;
            [TfExample] public partial class Twice { public long Label { get; set; } [TfFeature("label")] public long Other { get; set; } }
            """;
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Diagnose(source));
        Assert.Equal("SCHEMA003", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("label", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("Other", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }
}
