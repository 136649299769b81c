using System.Collections.Immutable;
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
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.BuildDiagnostics(source, GeneratorHarness.UsageOf("Precise")));
        Assert.Equal("SCHEMA005", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("StoreDoubleAsFloat", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("Ratio", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Fact]
    public void A_positional_double_gets_this_error_and_no_other()
    {
        const string source = """
            using SchemaGen;
            [TfExample] public partial record struct Scored(long Label, double Score);
            """;
        ImmutableArray<Diagnostic> reported = GeneratorHarness.BuildDiagnostics(source, GeneratorHarness.UsageOf("Scored"));
        Assert.Equal(["SCHEMA005"], reported.Select(d => d.Id));
        Assert.Equal("Score", source.Substring(reported[0].Location.SourceSpan.Start, reported[0].Location.SourceSpan.Length));
    }
}
