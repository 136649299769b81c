namespace SchemaGen.Generator.Tests.Types;

/// <summary>A SequenceExample with a context feature of every batch column kind and a feature list of every step type.</summary>
[TfSequenceExample]
public partial class Episode
{
    [TfFeature(Shape = new[] { 4 })]
    public byte[] Thumbnail { get; set; } = new byte[4];

    public long[] Tags { get; set; } = [];

    public float? Reward { get; set; }

    public string Title { get; set; } = "";

    [TfFeature(Default = 3)]
    public int Level { get; set; }

    [TfFeatureList]
    public int[] Actions { get; set; } = [];

    [TfFeatureList]
    public Color[] Colors { get; set; } = [];

    [TfFeatureList]
    public bool[] Done { get; set; } = [];

    [TfFeatureList, TfFeature(StoreDoubleAsFloat = true)]
    public double[] Values { get; set; } = [];

    [TfFeatureList, TfFeature("color_pairs", Shape = new[] { 2 })]
    public IReadOnlyList<Color[]> ColorPairs { get; set; } = [];

    [TfFeatureList]
    public byte[][] Frames { get; set; } = [];

    [TfFeatureList]
    public ReadOnlyMemory<byte>[] Chunks { get; set; } = [];

    [TfFeatureList, TfFeature(Shape = new[] { 2 })]
    public string[][] Captions { get; set; } = [];

    [TfFeatureList, TfFeature(Shape = new[] { 2, 2 })]
    public float[][] Boxes { get; set; } = [];

    [TfFeatureList]
    public long[]? Rewards { get; set; }
}
