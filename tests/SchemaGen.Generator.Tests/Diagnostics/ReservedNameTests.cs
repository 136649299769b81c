using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SchemaGen.Generator.Tests.Infrastructure;

namespace SchemaGen.Generator.Tests.Diagnostics;

/// <summary>SCHEMA010: ReservedName.</summary>
public class ReservedNameTests
{
    private const string RenameOrIgnore = "rename it (keep its feature key with [TfFeature(\"key\")]) or [TfIgnore] it";

    [Theory]
    [InlineData("Count")]
    [InlineData("Capacity")]
    [InlineData("Get")]
    public void A_feature_named_like_a_member_of_the_batch_is_reported_and_the_rest_generated(string name)
    {
        string source = $$"""
            using SchemaGen;
            [TfExample] public partial record Counts([property: TfFeature("n")] long {{name}}, long Other);
            """;
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.BuildDiagnostics(source, GeneratorHarness.UsageOf("Counts")));
        Assert.Equal("SCHEMA010", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(
            $"Member '{name}' has the name of a member SchemaGen generates for 'Counts.Batch': {RenameOrIgnore}",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(name, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Fact]
    public void TfIgnore_as_the_message_advises_clears_a_name_of_the_batch()
    {
        const string source = """
            using SchemaGen;
            [TfExample] public partial record Counts([property: TfIgnore] long Count, long Other);
            """;
        Assert.Empty(GeneratorHarness.BuildDiagnostics(source, GeneratorHarness.UsageOf("Counts")));
    }

    [Theory]
    [InlineData("[property: TfFeature(\"n\")] long Schema", "rename it (keep its feature key with [TfFeature(\"key\")])")]
    [InlineData("[property: TfIgnore] long Schema", "rename it")]
    [InlineData("[property: TfIgnore] long ToByteArray", "rename it")]
    public void A_member_named_like_a_member_of_the_type_is_reported_even_when_ignored_and_nothing_is_generated(string parameter, string advice)
    {
        // The generated member would collide with it whether or not it is a feature, so [TfIgnore] is no fix.
        string name = parameter.Split(' ')[^1];
        string source = $$"""
            using SchemaGen;
            [TfExample] public partial record Counts({{parameter}}, long Other);
            """;
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.BuildDiagnostics(source));
        Assert.Equal("SCHEMA010", diagnostic.Id);
        Assert.Equal(
            $"Member '{name}' has the name of a member SchemaGen generates for 'Counts': {advice}",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(name, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void A_nested_type_named_Batch_is_reported()
    {
        const string source = """
            using SchemaGen;
            [TfExample] public partial class Counts { public long Other { get; set; } public class Batch { } }
            """;
        ImmutableArray<Diagnostic> reported = GeneratorHarness.BuildDiagnostics(source);
        Assert.Equal(["SCHEMA010"], reported.Select(d => d.Id));
        Assert.Equal("Batch", source.Substring(reported[0].Location.SourceSpan.Start, reported[0].Location.SourceSpan.Length));
    }

    [Fact]
    public void A_feature_list_takes_the_name_of_its_length_helper()
    {
        const string source = """
            using SchemaGen;
            [TfSequenceExample] public partial record Clip([property: TfFeatureList] long[] Steps, long GetStepsListLength);
            """;
        ImmutableArray<Diagnostic> reported = GeneratorHarness.BuildDiagnostics(source);
        Assert.Equal(["SCHEMA010"], reported.Select(d => d.Id));
        Assert.Equal("GetStepsListLength", source.Substring(reported[0].Location.SourceSpan.Start, reported[0].Location.SourceSpan.Length));
    }
}
