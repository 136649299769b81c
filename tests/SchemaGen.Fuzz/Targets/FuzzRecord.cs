namespace SchemaGen.Fuzz.Targets;

/// <summary>A schema with a feature of every shape the generator reads: fixed, variable, optional, defaulted, each dtype.</summary>
[TfExample]
public partial record FuzzRecord(
    [property: TfFeature(Shape = new[] { 2, 3 })] long[] Grid,
    float Score,
    string Name,
    IReadOnlyList<byte[]> Blobs,
    float[] Values,
    [property: TfFeature("count")] long? Total,
    bool Flag,
    [property: TfFeature("image/encoded")] byte[]? Image);
