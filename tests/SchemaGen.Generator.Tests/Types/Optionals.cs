namespace SchemaGen.Generator.Tests.Types;

/// <summary>Nullable members (optional features) and defaults.</summary>
[TfExample]
public partial record Optionals(
    long? MaybeLabel,
    float? MaybeScore,
    Color? MaybeColor,
    string? MaybeName,
    byte[]? MaybeBytes,
    long[]? MaybeList,
    [property: TfFeature(Shape = new[] { 2 })] float[]? MaybePair,
    [property: TfFeature(Default = 7L)] long Seven,
    [property: TfFeature(Default = "none")] string Text,
    [property: TfFeature(Shape = new[] { 3 }, Default = new long[] { 1, 2, 3 })] long[] Steps,
    [property: TfFeature(Default = true)] bool Enabled);
