using Microsoft.CodeAnalysis;
using SchemaGen.Generator.Tests.Infrastructure;

namespace SchemaGen.Generator.Tests;

/// <summary>
/// The emitted source against checked-in files under Snapshots/. A mismatch fails; set SCHEMAGEN_UPDATE_SNAPSHOTS=1
/// to rewrite the files, then review the diff.
/// </summary>
public class SnapshotTests
{
    [Theory]
    [InlineData("Cifar", """
        using SchemaGen;
        namespace Samples;
        [TfExample]
        public partial record Cifar([property: TfFeature(Shape = new[] { 32, 32, 3 })] byte[] Image, long Label);
        """)]
    [InlineData("Features", """
        using System.Collections.Generic;
        using SchemaGen;
        public enum Kind { A, B }
        [TfExample]
        public partial class Features
        {
            [TfFeature("image/class/label", Default = 0L)] public long Label { get; set; }
            public string? Caption { get; set; }
            public IReadOnlyList<float> Boxes { get; set; } = [];
            [TfFeature(Shape = new[] { 2 })] public Kind[] Kinds { get; set; } = [];
            public bool? Crowd { get; init; }
        }
        """)]
    [InlineData("Sentence", """
        using SchemaGen;
        namespace Samples;
        [TfSequenceExample]
        public partial record struct Sentence(long Id, [property: TfFeatureList] string[] Words, [property: TfFeatureList, TfFeature(Shape = new[] { 2 })] int[][] Pairs);
        """)]
    public void Emitted_source_matches_the_snapshot(string name, string source)
    {
        (GeneratorDriverRunResult result, var compilation) = GeneratorHarness.Run(source);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(compilation.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string generated = Assert.Single(result.GeneratedTrees).GetText().ToString();

        string path = Path.Combine(SnapshotDirectory(), name + ".g.cs");
        if (Environment.GetEnvironmentVariable("SCHEMAGEN_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"No snapshot at {path}: run with SCHEMAGEN_UPDATE_SNAPSHOTS=1 to create it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), generated.ReplaceLineEndings("\n"));
    }

    // Walks up from the test binaries rather than using [CallerFilePath]: CI builds map source paths to "/_/".
    private static string SnapshotDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "SchemaGen.Generator.Tests", "Snapshots");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No tests/SchemaGen.Generator.Tests/Snapshots above {AppContext.BaseDirectory}.");
    }
}
