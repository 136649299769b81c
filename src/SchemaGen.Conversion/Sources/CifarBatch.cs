namespace SchemaGen.Conversion.Sources;

/// <summary>One CIFAR batch file, decoded: its images (still CHW, as stored) and labels.</summary>
internal sealed class CifarBatch(string source, ImageRows images, int[] labels, int[]? coarseLabels, string[]? fileNames)
{
    /// <summary>The file, or <c>archive!member</c>, for messages.</summary>
    public string Source { get; } = source;

    public ImageRows Images { get; } = images;

    /// <summary>CIFAR-10 labels, or CIFAR-100 fine labels.</summary>
    public int[] Labels { get; } = labels;

    public int[]? CoarseLabels { get; } = coarseLabels;

    public string[]? FileNames { get; } = fileNames;

    public int Count => Labels.Length;
}
