namespace SchemaGen.Generator.Tests.Types;

/// <summary>Fixed-size features of shape [1]: one value each, held in an array.</summary>
[TfExample]
public partial record Singletons(
    [property: TfFeature(Shape = new[] { 1 })] long[] One,
    [property: TfFeature(Shape = new[] { 1 }, Default = new[] { 2.5f })] float[] Half,
    [property: TfFeature(Shape = new[] { 1 })] byte[] Octet);
