using Microsoft.CodeAnalysis;
using SchemaGen.Generator.Tests.Infrastructure;

namespace SchemaGen.Generator.Tests.Diagnostics;

/// <summary>SCHEMA010: ReservedName.</summary>
public class ReservedNameTests
{
    [Theory]
    [InlineData("Schema", "'Counts'")]
    [InlineData("Count", "'Counts.Batch'")]
    [InlineData("Capacity", "'Counts.Batch'")]
    public void A_member_named_like_a_generated_member_is_reported_instead_of_generating_code_that_does_not_compile(string name, string owner)
    {
        string source = $$"""
            using SchemaGen;
            [TfExample] public partial record Counts([property: TfFeature("n")] long {{name}}, long Other);
            """;
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SCHEMA010", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(
            $"Member '{name}' has the name of a member SchemaGen generates for {owner}: rename it (keep its feature key with [TfFeature(\"key\")]) or [TfIgnore] it",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(name, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void A_feature_list_takes_the_name_of_its_length_helper()
    {
        const string source = """
            using SchemaGen;
            [TfSequenceExample] public partial record Clip([property: TfFeatureList] long[] Steps, long GetStepsListLength);
            """;
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Diagnose(source));
        Assert.Equal("SCHEMA010", diagnostic.Id);
    }
}
