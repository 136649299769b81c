namespace SchemaGen.Conversion.Images;

/// <summary>Decoded pixels: <see cref="Height"/> rows of <see cref="Width"/> RGB pixels, 3 bytes each (HWC uint8).</summary>
public sealed class RgbImage
{
    /// <summary>Wraps pixels (not copied).</summary>
    /// <param name="width">Pixels per row.</param>
    /// <param name="height">Rows.</param>
    /// <param name="pixels">Exactly <c>width * height * 3</c> bytes, R G B per pixel, rows top to bottom.</param>
    /// <exception cref="ArgumentException">The sizes are not positive or the pixels are not that many bytes.</exception>
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (pixels.LongLength != (long)width * height * 3)
        {
            throw new ArgumentException($"A {width} x {height} RGB image is {(long)width * height * 3} bytes; {pixels.LongLength} were given.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Pixels per row.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>The <c>Height * Width * 3</c> HWC bytes.</summary>
    public byte[] Pixels { get; }
}
