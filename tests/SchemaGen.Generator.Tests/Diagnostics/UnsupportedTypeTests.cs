using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SchemaGen.Generator.Tests.Infrastructure;

namespace SchemaGen.Generator.Tests.Diagnostics;

/// <summary>SCHEMA002: UnsupportedType.</summary>
public class UnsupportedTypeTests
{
    [Fact]
    public void A_member_of_an_unmapped_type_names_member_type_and_supported_types()
    {
        const string source = """
            using SchemaGen;
            [TfExample] public partial class Clock { public System.DateTime When { get; set; } public long Label { get; set; } }
            """;
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.BuildDiagnostics(source, GeneratorHarness.UsageOf("Clock")));
        Assert.Equal("SCHEMA002", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("DateTime", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("When", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Theory]
    [InlineData("System.DateTime When")]
    [InlineData("System.Collections.Generic.Dictionary<string, int> Counts")]
    [InlineData("System.Guid[] Ids")]
    public void A_positional_member_of_an_unmapped_type_gets_its_type_error_and_no_other(string parameter)
    {
        string source = $$"""
            using SchemaGen;
            [TfExample] public partial record Clock({{parameter}}, long Label);
            """;
        ImmutableArray<Diagnostic> reported = GeneratorHarness.BuildDiagnostics(source, GeneratorHarness.UsageOf("Clock"));
        Assert.Equal(["SCHEMA002"], reported.Select(d => d.Id));
        string name = parameter.Split(' ')[^1];
        Assert.Equal(name, source.Substring(reported[0].Location.SourceSpan.Start, reported[0].Location.SourceSpan.Length));
    }

    [Theory]
    [InlineData("[property: TfIgnore] System.DateTime When")]
    [InlineData("[TfIgnore] System.DateTime When")]
    [InlineData("[property: TfIgnore] System.DateTime When = default")]
    public void TfIgnore_as_the_message_advises_clears_it_on_a_positional_member(string parameter)
    {
        string source = $$"""
            using SchemaGen;
            [TfExample] public partial record Clock(long Label, {{parameter}});
            """;
        Assert.Empty(GeneratorHarness.BuildDiagnostics(source, GeneratorHarness.UsageOf("Clock")));
    }
}
