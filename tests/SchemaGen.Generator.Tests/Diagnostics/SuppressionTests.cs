using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SchemaGen.Generator.Tests.Infrastructure;

namespace SchemaGen.Generator.Tests.Diagnostics;

/// <summary>
/// The generator's diagnostics sit in the user's source, so the compiler applies <c>#pragma warning disable</c> and
/// <c>.editorconfig</c> severities to them as to its own (a location rebuilt from a file path would escape both).
/// </summary>
public class SuppressionTests
{
    private const string Clock = """
        using SchemaGen;
        [TfExample] public partial class Clock
        {
        #pragma warning disable SCHEMA002
            public System.DateTime When { get; set; }
        #pragma warning restore SCHEMA002
            public System.DateTime Since { get; set; }
            public long Label { get; set; }
        }
        """;

    [Fact]
    public void A_pragma_around_a_member_suppresses_its_diagnostic_and_only_its()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Clock);
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out _, out ImmutableArray<Diagnostic> diagnostics);

        Assert.Equal(["When", "Since"], diagnostics.Select(d => Text(d.Location)));
        Assert.All(diagnostics, d => Assert.Equal("SCHEMA002", d.Id));
        Assert.All(diagnostics, d => Assert.Same(compilation.SyntaxTrees.Single(), d.Location.SourceTree));
        Assert.Equal([true, false], diagnostics.Select(d => d.IsSuppressed));

        Diagnostic reported = Assert.Single(GeneratorHarness.BuildDiagnostics(compilation));
        Assert.Equal("Since", Text(reported.Location));
    }

    [Theory]
    [InlineData("none", null)]
    [InlineData("warning", DiagnosticSeverity.Warning)]
    [InlineData("error", DiagnosticSeverity.Error)]
    public void An_editorconfig_severity_applies_to_the_diagnostics_in_its_files(string severity, DiagnosticSeverity? expected)
    {
        AnalyzerConfigSet editorconfig = AnalyzerConfigSet.Create(ImmutableArray.Create(AnalyzerConfig.Parse(
            $"root = true\n[*.cs]\ndotnet_diagnostic.SCHEMA005.severity = {severity}\n", "/repo/.editorconfig")));
        SyntaxTree tree = CSharpSyntaxTree.ParseText(
            "using SchemaGen;\n[TfExample] public partial class Precise { public double Ratio { get; set; } }",
            GeneratorHarness.ParseOptions,
            path: "/repo/Precise.cs");
        CSharpCompilation compilation = GeneratorHarness.Compile([tree]);
        compilation = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(
            new EditorConfigOptions(tree, editorconfig.GetOptionsForSourcePath(tree.FilePath).TreeOptions)));

        ImmutableArray<Diagnostic> reported = GeneratorHarness.BuildDiagnostics(compilation);

        if (expected is null)
        {
            Assert.Empty(reported);
        }
        else
        {
            Diagnostic diagnostic = Assert.Single(reported);
            Assert.Equal("SCHEMA005", diagnostic.Id);
            Assert.Equal(expected, diagnostic.Severity);
        }
    }

    private static string Text(Location location) => location.SourceTree!.GetText().ToString(location.SourceSpan);

    /// <summary>The per-file severities an .editorconfig gives, served to the compiler as the SDK's build does.</summary>
    private sealed class EditorConfigOptions(SyntaxTree file, ImmutableDictionary<string, ReportDiagnostic> severities) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = default;
            return tree == file && severities.TryGetValue(diagnosticId, out severity);
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = default;
            return false;
        }
    }
}
