namespace SchemaGen.Generator.Tests.Types;

/// <summary>A SequenceExample: context features and feature lists of scalars and of fixed-shape lists.</summary>
[TfSequenceExample]
public partial record Sentence(
    [property: TfContext] long Id,
    string Language,
    [property: TfFeatureList] long[] Tokens,
    [property: TfFeatureList] string[] Words,
    [property: TfFeatureList, TfFeature(Shape = new[] { 3 })] float[][] Embeddings,
    [property: TfFeatureList] IReadOnlyList<bool>? Masks);

/// <summary>A SequenceExample of context features only: every column is fixed-size, so rows can be overwritten.</summary>
[TfSequenceExample]
public partial record struct Clip(long Id, [property: TfFeature(Shape = new[] { 2 })] float[] Span);
