namespace SchemaGen.Imaging;

/// <summary>How an <see cref="ImageDecoder"/> decodes: the output channels and the largest image it accepts.</summary>
public sealed record ImageDecoderOptions
{
    /// <summary>The default pixel limit: 100 million pixels (10,000 x 10,000).</summary>
    public const long DefaultMaxPixels = 100_000_000;

    /// <summary>
    /// The most pixels (width x height, as the header declares them) an image may have. A larger one is refused with
    /// <see cref="ImageDecodeError.TooManyPixels"/> after reading its header and before any pixel buffer is allocated.
    /// </summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;

    /// <summary>
    /// Output values per pixel, as TensorFlow's <c>channels</c>: 3 (RGB: grey is repeated, CMYK converted, alpha
    /// dropped) or 1 (grey: colour becomes the ITU-R BT.601 luma <c>(19595 R + 38470 G + 7471 B + 32768) &gt;&gt; 16</c>,
    /// libjpeg's and PIL's RGB-to-grey; alpha dropped).
    /// </summary>
    public int Channels { get; init; } = 3;

    /// <summary>Which code decodes JPEGs: by default SchemaGen's libjpeg-turbo where it loads, else SkiaSharp.</summary>
    internal JpegBackend Jpeg { get; init; }

    internal void Validate()
    {
        if (Channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(Channels), Channels, "Decoded images have 1 (grey) or 3 (RGB) channels.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPixels, nameof(MaxPixels));
    }
}
