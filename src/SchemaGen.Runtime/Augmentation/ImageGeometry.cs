namespace SchemaGen.Augmentation;

/// <summary>
/// Where an output pixel comes from: a crop of the image zero-padded by <see cref="Padding"/> on every side, then
/// the flips. Shared by the CPU path and device kernels (<c>SchemaGen.Gpu</c>'s ILGPU ones), so both read the same
/// source values.
/// </summary>
/// <param name="input">The source image's shape (HWC).</param>
/// <param name="outHeight">The output's height (<see cref="ImageAugmentation.OutputShape"/>).</param>
/// <param name="outWidth">The output's width.</param>
/// <param name="padding">The crop's zero padding (<see cref="ImageAugmentation.CropPadding"/>).</param>
public readonly struct ImageGeometry(ImageShape input, int outHeight, int outWidth, int padding)
{
    /// <summary>The source image's height.</summary>
    public int InHeight { get; } = input.Height;

    /// <summary>The source image's width.</summary>
    public int InWidth { get; } = input.Width;

    /// <summary>The channels of both images.</summary>
    public int Channels { get; } = input.Channels;

    /// <summary>The output's height.</summary>
    public int OutHeight { get; } = outHeight;

    /// <summary>The output's width.</summary>
    public int OutWidth { get; } = outWidth;

    /// <summary>The zero padding on every side of the source before the crop.</summary>
    public int Padding { get; } = padding;

    /// <summary>The output's pixels.</summary>
    public int OutPixels => OutHeight * OutWidth;

    /// <summary>The source row of output row <paramref name="y"/>; outside [0, InHeight) in the padding.</summary>
    /// <param name="y">The output row.</param>
    /// <param name="p">The image's random choices (crop and flips).</param>
    /// <returns>The source row.</returns>
    public int SourceRow(int y, in AugmentationParameters p) => (p.FlipUpDown != 0 ? OutHeight - 1 - y : y) + p.CropTop - Padding;

    /// <summary>The source column of output column <paramref name="x"/>; outside [0, InWidth) in the padding.</summary>
    /// <param name="x">The output column.</param>
    /// <param name="p">The image's random choices (crop and flips).</param>
    /// <returns>The source column.</returns>
    public int SourceColumn(int x, in AugmentationParameters p) => (p.FlipLeftRight != 0 ? OutWidth - 1 - x : x) + p.CropLeft - Padding;

    /// <summary>The source value's index in its image for output (y, x, c), or -1 in the padding.</summary>
    /// <param name="y">The output row.</param>
    /// <param name="x">The output column.</param>
    /// <param name="c">The channel.</param>
    /// <param name="p">The image's random choices (crop and flips).</param>
    /// <returns>The index into the source image's HWC values, or -1.</returns>
    public int SourceIndex(int y, int x, int c, in AugmentationParameters p)
    {
        int sy = SourceRow(y, p), sx = SourceColumn(x, p);
        return (uint)sy < (uint)InHeight && (uint)sx < (uint)InWidth ? (((sy * InWidth) + sx) * Channels) + c : -1;
    }
}
