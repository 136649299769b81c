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
