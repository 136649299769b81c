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
    [InlineData("Scalars", """
        using SchemaGen;
        namespace Samples;
        [TfExample]
        public partial class Scalars
        {
            public long Big { get; set; }
            public sbyte Tiny { get; set; }
            public uint Unsigned { get; set; }
            public bool Done { get; set; }
            public float Score { get; set; }
            [TfFeature(StoreDoubleAsFloat = true)] public double Ratio { get; set; }
        }
        """)]
    [InlineData("FixedShapes", """
        using System.Collections.Generic;
        using SchemaGen;
        namespace Samples;
        [TfExample]
        public partial record FixedShapes(
            [property: TfFeature(Shape = new[] { 2, 3 })] float[] Matrix,
            [property: TfFeature(Shape = new[] { 3 })] IReadOnlyList<int> Triple,
            [property: TfFeature(Shape = new[] { 2 })] bool[] Pair,
            [property: TfFeature(Shape = new[] { 4 })] System.ReadOnlyMemory<byte> Pixels);
        """)]
    [InlineData("VarLens", """
        using System.Collections.Generic;
        using SchemaGen;
        namespace Samples;
        [TfExample]
        public partial record struct VarLens(long[] Ids, IReadOnlyList<float> Scores, bool[] Flags, [property: TfFeature(StoreDoubleAsFloat = true)] double[] Weights);
        """)]
    [InlineData("BytesLists", """
        using System.Collections.Generic;
        using SchemaGen;
        namespace Samples;
        [TfExample]
        public partial record BytesLists(byte[] Blob, System.ReadOnlyMemory<byte> Chunk, byte[][] Blobs, [property: TfFeature(Shape = new[] { 2 })] IReadOnlyList<byte[]> Halves);
        """)]
    [InlineData("Strings", """
        using System.Collections.Generic;
        using SchemaGen;
        namespace Samples;
        [TfExample]
        public partial record Strings(string Title, string[] Tags, [property: TfFeature(Shape = new[] { 2 })] IReadOnlyList<string> Names);
        """)]
    [InlineData("Nullables", """
        using SchemaGen;
        namespace Samples;
        public enum Mood : byte { Calm, Angry }
        [TfExample]
        public partial record Nullables(
            long? Score,
            Mood? Mood,
            string? Caption,
            byte[]? Thumbnail,
            [property: TfFeature(Shape = new[] { 4 })] byte[]? Pixels,
            float[]? Weights,
            [property: TfFeature(Shape = new[] { 2 })] int[]? Pair);
        """)]
    [InlineData("Enums", """
        using System.Collections.Generic;
        using SchemaGen;
        namespace Samples;
        public enum Shade : short { Light = 1, Dark = -1 }
        [TfExample]
        public partial record Enums(Shade Shade, Shade[] History, [property: TfFeature(Shape = new[] { 2 })] IReadOnlyList<Shade> Pair);
        """)]
    [InlineData("Defaults", """
        using SchemaGen;
        namespace Samples;
        public enum Level { Low, High }
        [TfExample]
        public partial record Defaults(
            [property: TfFeature(Default = 7L)] long Seven,
            [property: TfFeature(Default = 0.5f)] float Half,
            [property: TfFeature(Default = true)] bool Enabled,
            [property: TfFeature(Default = "none")] string Text,
            [property: TfFeature(Default = Level.High)] Level Level,
            [property: TfFeature(Shape = new[] { 3 }, Default = new long[] { 1, 2, 3 })] int[] Steps,
            [property: TfFeature(Shape = new[] { 2 }, Default = new[] { "a", "b" })] string[] Pair);
        """)]
    [InlineData("SequenceContext", """
        using SchemaGen;
        namespace Samples;
        [TfSequenceExample]
        public partial class SequenceContext
        {
            public long Id { get; set; }
            [TfContext] public string Title { get; set; } = "";
            public float? Reward { get; set; }
            public long[] Tags { get; set; } = [];
            [TfFeature(Shape = new[] { 4 })] public byte[] Thumbnail { get; set; } = new byte[4];
            [TfFeature(Shape = new[] { 2 }, Default = new[] { 0f, 1f })] public float[] Range { get; set; } = [];
            [TfFeatureList] public long[] Steps { get; set; } = [];
        }
        """)]
    [InlineData("FeatureLists", """
        using System.Collections.Generic;
        using SchemaGen;
        namespace Samples;
        public enum Move : sbyte { Left = -1, Right = 1 }
        [TfSequenceExample]
        public partial class FeatureLists
        {
            [TfFeatureList] public long[] Actions { get; set; } = [];
            [TfFeatureList] public IReadOnlyList<bool> Done { get; set; } = [];
            [TfFeatureList] public Move[] Moves { get; set; } = [];
            [TfFeatureList, TfFeature(StoreDoubleAsFloat = true)] public double[] Values { get; set; } = [];
            [TfFeatureList] public string[] Words { get; set; } = [];
            [TfFeatureList] public byte[][] Frames { get; set; } = [];
            [TfFeatureList] public System.ReadOnlyMemory<byte>[] Chunks { get; set; } = [];
            [TfFeatureList, TfFeature(Shape = new[] { 2 })] public IReadOnlyList<float[]> Points { get; set; } = [];
            [TfFeatureList, TfFeature(Shape = new[] { 2 })] public IReadOnlyList<Move>[] MovePairs { get; set; } = [];
            [TfFeatureList, TfFeature(Shape = new[] { 2 })] public string[][] Captions { get; set; } = [];
            [TfFeatureList] public long[]? Rewards { get; set; }
        }
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
