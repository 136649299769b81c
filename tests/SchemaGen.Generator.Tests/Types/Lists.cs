namespace SchemaGen.Generator.Tests.Types;

/// <summary>Fixed-shape and variable-length lists, as a record struct with init properties.</summary>
[TfExample]
public partial record struct Lists
{
    [TfFeature(Shape = new[] { 2, 2 })]
    public float[] Matrix { get; init; }

    [TfFeature(Shape = new[] { 3 })]
    public long[] Triple { get; init; }

    public int[] Counts { get; init; }

    public IReadOnlyList<long> Ids { get; init; }

    public bool[] Flags { get; init; }

    public Color[] Colors { get; init; }

    public string[] Tags { get; init; }

    [TfFeature(Shape = new[] { 2 })]
    public string[] Pair { get; init; }

    public byte[][] Blobs { get; init; }

    [TfFeature(StoreDoubleAsFloat = true)]
    public double[] Weights { get; init; }
}
