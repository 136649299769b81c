using Microsoft.CodeAnalysis;
using SchemaGen.Generator.Tests.Infrastructure;

namespace SchemaGen.Generator.Tests.Diagnostics;

/// <summary>SCHEMA009: NotSettable.</summary>
public class NotSettableTests
{
    [Fact]
    public void A_get_only_member_outside_the_constructor_is_reported()
    {
        const string source = """
            using SchemaGen;
            [TfExample] public partial class Fixed { public long Label { get; } public long Other { get; set; } }
            """;
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.BuildDiagnostics(source, GeneratorHarness.UsageOf("Fixed")));
        Assert.Equal("SCHEMA009", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("settable", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("Label", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Fact]
    public void TfIgnore_as_the_message_advises_clears_it()
    {
        const string source = """
            using SchemaGen;
            [TfExample] public partial class Fixed { [TfIgnore] public long Label { get; } public long Other { get; set; } }
            """;
        Assert.Empty(GeneratorHarness.BuildDiagnostics(source, GeneratorHarness.UsageOf("Fixed")));
    }

    [Fact]
    public void A_constructor_parameter_is_settable_even_when_its_member_is_left_out()
    {
        const string source = """
            using SchemaGen;
            [TfExample] public partial class Reading
            {
                public Reading(long label, System.DateTime when) { Label = label; When = when; }
                public long Label { get; }
                [TfIgnore] public System.DateTime When { get; }
            }
            """;
        Assert.Empty(GeneratorHarness.BuildDiagnostics(source, GeneratorHarness.UsageOf("Reading")));
    }
}
