using SchemaGen.Imaging;

namespace SchemaGen.Conversion.Images;

/// <summary>
/// The converter's image codec, on SchemaGen.Imaging (SkiaSharp: libjpeg-turbo, libpng, libwebp), with the limits a
/// converter of untrusted files needs: the header is read first in managed code and an image whose declared size
/// exceeds the pixel limit is refused before the codec sees the data or anything is allocated for it; JPEG, PNG,
/// GIF (its first frame), BMP and WebP decode to RGB as TensorFlow's <c>decode_image(channels=3)</c> gives them (grey
/// repeated, CMYK converted, alpha dropped, EXIF orientation and ICC profiles ignored); a resize is TensorFlow's
/// antialiased bilinear (<see cref="Decode"/>). Encoding is deterministic: the same pixels always give the same bytes.
/// </summary>
/// <remarks>An instance keeps a decoder's scratch buffer and is not thread-safe.</remarks>
public sealed class ImageCodec
{
    /// <summary>The default limit: 64 megapixels (an 8192 x 8192 image).</summary>
    public const long DefaultMaxPixels = 1L << 26;

    private readonly ImageDecoder _decoder;

    /// <summary>Creates a codec.</summary>
    /// <param name="maxPixels">Largest width x height accepted from an image header.</param>
    /// <param name="jpegQuality">JPEG quality, 1 to 100 (libjpeg's scale; 4:2:0 chroma).</param>
    public ImageCodec(long maxPixels = DefaultMaxPixels, int jpegQuality = 95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPixels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(jpegQuality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(jpegQuality, 100);
        MaxPixels = maxPixels;
        JpegQuality = jpegQuality;
        _decoder = new ImageDecoder(new ImageDecoderOptions { MaxPixels = maxPixels, Channels = 3 });
    }

    /// <summary>Largest width x height accepted.</summary>
    public long MaxPixels { get; }

    /// <summary>The JPEG quality, 1 to 100.</summary>
    public int JpegQuality { get; }

    /// <summary>
    /// Reads the header only (managed code, nothing allocated for pixels): the image's size, or an error saying why it
    /// is not an image the converter takes.
    /// </summary>
    /// <param name="file">The file's bytes.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <returns>Null when the header is a readable image within the limit; otherwise what is wrong.</returns>
    public string? Identify(byte[] file, out int width, out int height)
    {
        var problem = Check(file, out var header);
        width = header.Width;
        height = header.Height;
        return problem is null ? null
            : problem.Error == ImageDecodeError.TooManyPixels ? problem.Message
            : problem.Error == ImageDecodeError.UnknownFormat ? $"not an image in a supported format (jpeg, png, gif, bmp, webp): {problem.Message}"
            : $"not a valid image: {problem.Message}";
    }

    /// <summary>
    /// Decodes to RGB, checking the header against the pixel limit first; resizes when asked, as
    /// <c>tf.image.resize(image, [h, w], method='bilinear', antialias=True)</c> rounded half to even to uint8
    /// (half-pixel centres; the triangle kernel widened by the scale when shrinking).
    /// </summary>
    /// <param name="file">The file's bytes.</param>
    /// <param name="resize">The size to resize to, or null to keep the image's size.</param>
    /// <returns>The pixels.</returns>
    /// <exception cref="ImageDecodeException">The file is not a valid image (unknown format, corrupt, truncated, unsupported) or is over the limit; a <see cref="FormatException"/>.</exception>
    public RgbImage Decode(byte[] file, ImageSize? resize = null)
    {
        var problem = Check(file, out _);
        if (problem is not null)
        {
            throw problem;
        }

        byte[] pixels = _decoder.Decode(file, out var header);
        var image = new RgbImage(header.Width, header.Height, pixels);
        return resize is { } size && (size.Width != image.Width || size.Height != image.Height)
            ? ImageResizer.Resize(image, size)
            : image;
    }

    /// <summary>
    /// Encodes HWC RGB pixels as PNG (lossless, libpng through SkiaSharp) or JPEG (libjpeg-turbo, baseline 4:2:0 at
    /// <see cref="JpegQuality"/>) into <paramref name="output"/>; the same pixels always give the same bytes.
    /// </summary>
    /// <param name="rgb">The <c>height * width * 3</c> bytes.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="encoding">PNG or JPEG.</param>
    /// <param name="output">Where the file goes.</param>
    public void Encode(ReadOnlySpan<byte> rgb, int width, int height, ImageEncoding encoding, Stream output)
    {
        switch (encoding)
        {
            case ImageEncoding.Png:
                ImageEncoder.EncodePng(rgb, height, width, 3, output);
                break;
            case ImageEncoding.Jpeg:
                ImageEncoder.EncodeJpeg(rgb, height, width, 3, JpegQuality, output);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Only PNG and JPEG are encoded.");
        }
    }

    private ImageDecodeException? Check(byte[] file, out ImageHeader header)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            header = ImageDecoder.ReadHeader(file);
        }
        catch (ImageDecodeException e)
        {
            // Its message says what is wrong: the format and the fault, or that the bytes are no known format.
            header = default;
            return e;
        }

        return header.PixelCount > MaxPixels
            ? new ImageDecodeException(ImageDecodeError.TooManyPixels, header.Format,
                $"the header declares a {header.Width}x{header.Height} image ({header.PixelCount} pixels), over the limit of {MaxPixels} pixels")
            : null;
    }
}
