using System.Collections.Immutable;
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
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.BuildDiagnostics(source));
        Assert.Equal("SCHEMA007", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("generic", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("Box", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Fact]
    public void A_nested_type_is_reported_and_nothing_is_generated_for_it()
    {
        const string source = """
            using SchemaGen;
            public class Outer { [TfExample] public partial class Inner { public long Label { get; set; } } }
            """;
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(source);
        ImmutableArray<Diagnostic> reported = GeneratorHarness.BuildDiagnostics(source);
        Assert.Equal(["SCHEMA007"], reported.Select(d => d.Id));
        Assert.Contains("nested in 'Outer'", reported[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(result.GeneratedTrees);
    }
}
