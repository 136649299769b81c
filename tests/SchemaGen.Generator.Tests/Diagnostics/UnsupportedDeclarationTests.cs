using Microsoft.CodeAnalysis;
using SchemaGen.Generator.Tests.Infrastructure;

namespace SchemaGen.Generator.Tests.Diagnostics;

/// <summary>SCHEMA007: UnsupportedDeclaration.</summary>
public class UnsupportedDeclarationTests
{
    [Fact]
    public void A_generic_type_is_reported()
    {
        const string source = """
            using SchemaGen;
            [TfExample] public partial class Box<T> { public long Label { get; set; } }
            """;
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Diagnose(source));
        Assert.Equal("SCHEMA007", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("generic", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("Box", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }
}
