using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace SchemaGen.Conversion.Images;

/// <summary>
/// ImageSharp with the limits a converter of untrusted files needs: the header is identified first and an image
/// whose declared size exceeds the pixel limit is refused before anything is allocated for it; GIFs decode their
/// first frame only; pooled memory is capped. Encoders are fixed so the same pixels always give the same bytes.
/// </summary>
public sealed class ImageCodec
{
    /// <summary>The default limit: 64 megapixels (an 8192 x 8192 image).</summary>
    public const long DefaultMaxPixels = 1L << 26;

    private readonly Configuration _configuration;
    private readonly PngEncoder _png = new() { CompressionLevel = PngCompressionLevel.DefaultCompression, ColorType = PngColorType.Rgb, BitDepth = PngBitDepth.Bit8 };
    private readonly JpegEncoder _jpeg;

    /// <summary>Creates a codec.</summary>
    /// <param name="maxPixels">Largest width x height accepted from an image header.</param>
    /// <param name="jpegQuality">JPEG quality, 1 to 100.</param>
    public ImageCodec(long maxPixels = DefaultMaxPixels, int jpegQuality = 95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPixels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(jpegQuality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(jpegQuality, 100);
        MaxPixels = maxPixels;
        _jpeg = new JpegEncoder { Quality = jpegQuality, ColorType = JpegColorType.YCbCrRatio420 };
        _configuration = Configuration.Default.Clone();
        _configuration.MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions { MaximumPoolSizeMegabytes = 64 });
        _configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance, new GifDecoder { DecodingMode = FrameDecodingMode.First });
    }

    /// <summary>Largest width x height accepted.</summary>
    public long MaxPixels { get; }

    /// <summary>Reads the header only: the image's size and format, or an error saying why it is not an image.</summary>
    /// <param name="file">The file's bytes.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <returns>Null when the header is a readable image within the limit; otherwise what is wrong.</returns>
    public string? Identify(byte[] file, out int width, out int height)
    {
        width = height = 0;
        IImageInfo? info;
        try
        {
            info = Image.Identify(_configuration, file, out _);
        }
        catch (Exception e) when (IsImageFailure(e))
        {
            return $"not a valid image: {e.Message}";
        }

        if (info is null)
        {
            return "not an image in a supported format (jpeg, png, bmp, gif, tga, webp)";
        }

        width = info.Width;
        height = info.Height;
        if (width <= 0 || height <= 0)
        {
            return $"the header declares a {width}x{height} image";
        }

        return (long)width * height > MaxPixels
            ? $"the header declares a {width}x{height} image ({(long)width * height} pixels), over the limit of {MaxPixels} pixels"
            : null;
    }

    /// <summary>Decodes to RGB, checking the header against the pixel limit first; resizes when asked.</summary>
    /// <param name="file">The file's bytes.</param>
    /// <param name="resize">The size to resize to (bicubic), or null to keep the image's size.</param>
    /// <returns>The image; the caller disposes it.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid image or is over the limit.</exception>
    public Image<Rgb24> Decode(byte[] file, ImageSize? resize = null)
    {
        string? problem = Identify(file, out _, out _);
        if (problem is not null)
        {
            throw new InvalidDataException(problem);
        }

        Image<Rgb24> image;
        try
        {
            image = Image.Load<Rgb24>(_configuration, file);
        }
        catch (Exception e) when (IsImageFailure(e))
        {
            throw new InvalidDataException($"not a valid image: {e.Message}", e);
        }

        if (resize is { } size && (size.Width != image.Width || size.Height != image.Height))
        {
            image.Mutate(x => x.Resize(size.Width, size.Height));
        }

        return image;
    }

    /// <summary>Wraps HWC RGB pixels as an image (copied).</summary>
    /// <param name="rgb">width x height x 3 bytes.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <returns>The image; the caller disposes it.</returns>
    public Image<Rgb24> FromRgb(ReadOnlySpan<byte> rgb, int width, int height) => Image.LoadPixelData<Rgb24>(_configuration, rgb, width, height);

    /// <summary>Encodes an image as PNG or JPEG into <paramref name="output"/>.</summary>
    /// <param name="image">The image.</param>
    /// <param name="encoding">PNG or JPEG.</param>
    /// <param name="output">Where the file goes.</param>
    public void Encode(Image<Rgb24> image, ImageEncoding encoding, Stream output)
    {
        ArgumentNullException.ThrowIfNull(image);
        IImageEncoder encoder = encoding switch
        {
            ImageEncoding.Png => _png,
            ImageEncoding.Jpeg => _jpeg,
            _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Only PNG and JPEG are encoded."),
        };
        image.Save(output, encoder);
    }

    private static bool IsImageFailure(Exception e) =>
        e is ImageFormatException or NotSupportedException or InvalidDataException or IndexOutOfRangeException
            or ArgumentException or InvalidOperationException or EndOfStreamException or OverflowException;
}
