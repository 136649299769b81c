namespace SchemaGen.ML.Tests;

/// <summary>One member of every kind a column can be: scalars of each integer width, floats, a bool, an enum, fixed shapes, lists, strings, bytes, a raw tensor, optionals.</summary>
[TfExample]
public partial record AllKinds(
    long Id,
    int Small,
    short Tiny,
    float Score,
    [property: TfFeature(StoreDoubleAsFloat = true)] double Precise,
    bool Flag,
    Hue Hue,
    [property: TfFeature(Shape = new[] { 2, 3 })] float[] Matrix,
    [property: TfFeature(Shape = new[] { 4 })] long[] Codes,
    float[] Varying,
    long[] Tags,
    string Name,
    string[] Words,
    [property: TfFeature(Shape = new[] { 2, 2, 1 })] byte[] Pixels,
    byte[] Blob,
    float? MaybeScore,
    long? MaybeCount,
    string? MaybeName);
