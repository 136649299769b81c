using System.Collections.Immutable;
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
            [TfExample] public partial class Both { [TfIgnore, TfFeature("x")] public long X { get; set; } public long Y { get; set; } }
            """;
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.BuildDiagnostics(source, GeneratorHarness.UsageOf("Both")));
        Assert.Equal("SCHEMA006", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("TfIgnore", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("X", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Fact]
    public void Both_type_attributes_are_reported_once_and_the_type_is_still_generated()
    {
        const string source = """
            using SchemaGen;
            [TfExample, TfSequenceExample] public partial record Clip(long Id, [property: TfFeatureList] long[] Steps);
            """;
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(source);
        ImmutableArray<Diagnostic> reported = GeneratorHarness.BuildDiagnostics(source, GeneratorHarness.UsageOf("Clip"));
        Assert.Equal(["SCHEMA006"], reported.Select(d => d.Id));
        Assert.Equal("Clip", source.Substring(reported[0].Location.SourceSpan.Start, reported[0].Location.SourceSpan.Length));
        Assert.Contains("SequenceExampleWriter", Assert.Single(result.GeneratedTrees).ToString(), StringComparison.Ordinal);
    }
}
