namespace SchemaGen.Conversion.Sources;

/// <summary>A whole CIFAR dataset read from its archive or directory: the batches of each split, in canonical order.</summary>
internal sealed class CifarData(CifarLayout layout, IReadOnlyList<CifarBatch> train, IReadOnlyList<CifarBatch> test,
    string[] classNames, string[]? coarseClassNames)
{
    public CifarLayout Layout { get; } = layout;

    public IReadOnlyList<CifarBatch> Train { get; } = train;

    public IReadOnlyList<CifarBatch> Test { get; } = test;

    /// <summary>CIFAR-10 label names, or CIFAR-100 fine label names.</summary>
    public string[] ClassNames { get; } = classNames;

    public string[]? CoarseClassNames { get; } = coarseClassNames;
}
