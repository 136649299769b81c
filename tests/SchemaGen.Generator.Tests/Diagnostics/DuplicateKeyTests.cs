using System.Collections.Immutable;
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
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.BuildDiagnostics(source, GeneratorHarness.UsageOf("Twice")));
        Assert.Equal("SCHEMA003", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("label", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("Other", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Fact]
    public void A_positional_member_with_a_taken_key_gets_this_error_and_no_other()
    {
        const string source = """
            using SchemaGen;
            [TfExample] public partial record Twice(long Label, [property: TfFeature("label")] string Other);
            """;
        ImmutableArray<Diagnostic> reported = GeneratorHarness.BuildDiagnostics(source, GeneratorHarness.UsageOf("Twice"));
        Assert.Equal(["SCHEMA003"], reported.Select(d => d.Id));
        Assert.Equal("Other", source.Substring(reported[0].Location.SourceSpan.Start, reported[0].Location.SourceSpan.Length));
    }
}
