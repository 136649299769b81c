using System.Buffers;
using SkiaSharp;

namespace SchemaGen.Imaging;

/// <summary>
/// Encodes uint8 HWC pixels (1 channel grey or 3 channels RGB) as PNG (lossless) or JPEG (libjpeg-turbo inside
/// SkiaSharp, 4:2:0 chroma subsampling as PIL's and TensorFlow's encoders default to). Thread-safe.
/// </summary>
public static class ImageEncoder
{
    /// <summary>Encodes pixels as a PNG (grey or RGB, 8-bit, no alpha): decoding gives back exactly the same values.</summary>
    /// <param name="pixels">The <c>height * width * channels</c> HWC values.</param>
    /// <param name="height">Rows.</param>
    /// <param name="width">Pixels per row.</param>
    /// <param name="channels">1 (grey) or 3 (RGB).</param>
    /// <param name="destination">The stream the PNG is written to.</param>
    public static void EncodePng(ReadOnlySpan<byte> pixels, int height, int width, int channels, Stream destination) =>
        Encode(pixels, height, width, channels, destination, jpegQuality: null);

    /// <summary>Encodes pixels as a PNG in a new array.</summary>
    /// <param name="pixels">The <c>height * width * channels</c> HWC values.</param>
    /// <param name="height">Rows.</param>
    /// <param name="width">Pixels per row.</param>
    /// <param name="channels">1 (grey) or 3 (RGB).</param>
    /// <returns>The PNG's bytes.</returns>
    public static byte[] EncodePng(ReadOnlySpan<byte> pixels, int height, int width, int channels)
    {
        using var stream = new MemoryStream();
        EncodePng(pixels, height, width, channels, stream);
        return stream.ToArray();
    }

    /// <summary>Encodes pixels as a baseline JPEG (greyscale for 1 channel; YCbCr 4:2:0 for 3).</summary>
    /// <param name="pixels">The <c>height * width * channels</c> HWC values.</param>
    /// <param name="height">Rows.</param>
    /// <param name="width">Pixels per row.</param>
    /// <param name="channels">1 (grey) or 3 (RGB).</param>
    /// <param name="quality">libjpeg's quality, 1 to 100 (95: TensorFlow's <c>encode_jpeg</c> default is 95).</param>
    /// <param name="destination">The stream the JPEG is written to.</param>
    public static void EncodeJpeg(ReadOnlySpan<byte> pixels, int height, int width, int channels, int quality, Stream destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        Encode(pixels, height, width, channels, destination, quality);
    }

    /// <summary>Encodes pixels as a baseline JPEG in a new array.</summary>
    /// <param name="pixels">The <c>height * width * channels</c> HWC values.</param>
    /// <param name="height">Rows.</param>
    /// <param name="width">Pixels per row.</param>
    /// <param name="channels">1 (grey) or 3 (RGB).</param>
    /// <param name="quality">libjpeg's quality, 1 to 100.</param>
    /// <returns>The JPEG's bytes.</returns>
    public static byte[] EncodeJpeg(ReadOnlySpan<byte> pixels, int height, int width, int channels, int quality = 95)
    {
        using var stream = new MemoryStream();
        EncodeJpeg(pixels, height, width, channels, quality, stream);
        return stream.ToArray();
    }

    private static unsafe void Encode(ReadOnlySpan<byte> pixels, int height, int width, int channels, Stream destination, int? jpegQuality)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "The encoder takes 1 (grey) or 3 (RGB) channels.");
        }

        long length = (long)height * width * channels;
        if (pixels.Length != length)
        {
            throw new ArgumentException($"{height} x {width} x {channels} pixels are {length} values; {pixels.Length} were given.", nameof(pixels));
        }

        // Skia has no 3-byte pixel format: RGB is widened to opaque RGBA in a pooled buffer.
        byte[]? rented = null;
        try
        {
            ReadOnlySpan<byte> source = pixels;
            var info = new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
            if (channels == 3)
            {
                int pixelCount = height * width;
                rented = ArrayPool<byte>.Shared.Rent(checked(pixelCount * 4));
                PixelConversion.RgbToRgba(pixels, rented, pixelCount);
                source = rented.AsSpan(0, pixelCount * 4);
                info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
            }

            bool written;
            fixed (byte* data = source)
            {
                using var pixmap = new SKPixmap(info, (IntPtr)data, info.RowBytes);
                written = jpegQuality is { } quality
                    ? pixmap.Encode(destination, new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
                    : pixmap.Encode(destination, SKPngEncoderOptions.Default);
            }

            if (!written)
            {
                throw new InvalidOperationException($"The {(jpegQuality is null ? "PNG" : "JPEG")} encoder failed on a {height} x {width} x {channels} image.");
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
