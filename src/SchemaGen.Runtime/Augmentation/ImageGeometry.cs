namespace SchemaGen;

/// <summary>
/// Where an output pixel comes from: a crop of the image zero-padded by <see cref="Padding"/> on every side, then
/// the flips. Shared by the CPU path and the ILGPU kernels.
/// </summary>
internal readonly struct ImageGeometry(ImageShape input, int outHeight, int outWidth, int padding)
{
    public readonly int InHeight = input.Height;
    public readonly int InWidth = input.Width;
    public readonly int Channels = input.Channels;
    public readonly int OutHeight = outHeight;
    public readonly int OutWidth = outWidth;
    public readonly int Padding = padding;

    public int OutPixels => OutHeight * OutWidth;

    /// <summary>The source row of output row <paramref name="y"/>; outside [0, InHeight) in the padding.</summary>
    public int SourceRow(int y, in AugmentationParameters p) => (p.FlipUpDown != 0 ? OutHeight - 1 - y : y) + p.CropTop - Padding;

    /// <summary>The source column of output column <paramref name="x"/>; outside [0, InWidth) in the padding.</summary>
    public int SourceColumn(int x, in AugmentationParameters p) => (p.FlipLeftRight != 0 ? OutWidth - 1 - x : x) + p.CropLeft - Padding;

    /// <summary>The source value's index in its image for output (y, x, c), or -1 in the padding.</summary>
    public int SourceIndex(int y, int x, int c, in AugmentationParameters p)
    {
        int sy = SourceRow(y, p), sx = SourceColumn(x, p);
        return (uint)sy < (uint)InHeight && (uint)sx < (uint)InWidth ? (((sy * InWidth) + sx) * Channels) + c : -1;
    }
}
