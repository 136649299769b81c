using System.Globalization;
using SchemaGen.Augmentation;
using SkiaSharp;

namespace SchemaGen.Imaging;

/// <summary>
/// Decodes encoded images (JPEG, PNG, GIF, BMP, WebP) into uint8 HWC pixels with TensorFlow's <c>decode_image</c>
/// semantics: <see cref="ImageDecoderOptions.Channels"/> 3 (grey repeated, CMYK converted, alpha dropped) or 1; EXIF
/// orientation ignored; no colour management (ICC profiles and PNG gamma are not applied); a truncated image fails.
/// JPEGs are decoded by libjpeg-turbo: on Linux x64 the package's own build with SIMD (libschemagen_jpeg), elsewhere
/// the one inside SkiaSharp; PNG, GIF, BMP and WebP by SkiaSharp's codecs.
/// </summary>
/// <remarks>
/// <para>
/// An instance keeps a scratch buffer between images and is not thread-safe: give each worker thread its own. The
/// static members are thread-safe.
/// </para>
/// <para>
/// Every method reads the header first (<see cref="ReadHeader"/>, managed code) and refuses an image over
/// <see cref="ImageDecoderOptions.MaxPixels"/> before the codec sees the data or a pixel buffer is allocated.
/// Failures are <see cref="ImageDecodeException"/>s; corrupt data never takes the process down.
/// </para>
/// </remarks>
public sealed class ImageDecoder
{
    /// <summary>Rows converted per codec call: a 500-pixel RGBA chunk (32 KB) stays in the L1/L2 cache.</summary>
    private const int ChunkRows = 16;

    /// <summary>A scratch buffer larger than this (a large PNG's whole image) is released after the image.</summary>
    private const int KeptScratchBytes = 32 << 20;

    private static ReadOnlySpan<byte> EndOfImage => [0xFF, 0xD9];

    private readonly bool _nativeJpeg;

    private byte[] _scratch = [];

    /// <summary>Creates a decoder.</summary>
    /// <param name="options">Channels and pixel limit; null for the defaults (3 channels, 100 million pixels).</param>
    public ImageDecoder(ImageDecoderOptions? options = null)
    {
        options ??= new ImageDecoderOptions();
        options.Validate();
        Options = options;
        _nativeJpeg = options.Jpeg switch
        {
            JpegBackend.Skia => false,
            JpegBackend.Native => JpegNative.IsAvailable
                ? true
                : throw new PlatformNotSupportedException("SchemaGen's libjpeg-turbo library (libschemagen_jpeg) is not available on this platform."),
            _ => JpegNative.IsAvailable,
        };
    }

    /// <summary>The channels and pixel limit this decoder applies.</summary>
    public ImageDecoderOptions Options { get; }

    /// <summary>
    /// Reads what an image's header declares (format from its signature, size, colour model) without decoding pixels
    /// or checking the pixel limit. Thread-safe, allocation-free for a valid header.
    /// </summary>
    /// <param name="encoded">The encoded image (the whole of it or at least its header).</param>
    /// <returns>Format, width, height and colour model.</returns>
    /// <exception cref="ImageDecodeException">The bytes are no known format, or the header is truncated or corrupt.</exception>
    public static ImageHeader ReadHeader(ReadOnlySpan<byte> encoded) => ImageHeaderReader.Read(encoded, out _);

    /// <summary>
    /// The reduction <see cref="DecodeInto"/> decodes a window at: the largest of 8, 4 and 2 that leaves the window at
    /// least <paramref name="outputHeight"/> x <paramref name="outputWidth"/> pixels (libjpeg-turbo's DCT scaling,
    /// 1/2, 1/4 or 1/8 of each side), for a JPEG; otherwise 1. Each decoded pixel then covers exactly
    /// <c>scale x scale</c> pixels of the full image.
    /// </summary>
    /// <param name="header">The image's header.</param>
    /// <param name="window">The window in full-size pixels.</param>
    /// <param name="outputHeight">Rows the window will be resized to.</param>
    /// <param name="outputWidth">Columns the window will be resized to.</param>
    /// <returns>1, 2, 4 or 8.</returns>
    public static int ScaleDenominator(ImageHeader header, CropWindow window, int outputHeight, int outputWidth)
    {
        if (header.Format != EncodedImageFormat.Jpeg)
        {
            return 1;
        }

        for (int scale = 8; scale > 1; scale /= 2)
        {
            if (window.Width >= (long)outputWidth * scale && window.Height >= (long)outputHeight * scale)
            {
                return scale;
            }
        }

        return 1;
    }

    /// <summary>
    /// Decodes no more of an image than <paramref name="window"/> needs and adds it to <paramref name="batch"/>, as
    /// <c>tf.image.decode_and_crop_jpeg</c> does (and less where the output is smaller). A JPEG is decoded at
    /// <see cref="ScaleDenominator"/>'s reduction, its rows above the window skipped and below it not decoded, and
    /// only the window's columns converted (libjpeg-turbo's <c>jpeg_crop_scanline</c> and
    /// <c>jpeg_skip_scanlines</c>); the decoded part is the window's bounding whole pixels at that scale plus one
    /// pixel on each side where the image has one (so the window's edge pixels equal a full decode's: libjpeg-turbo's
    /// chroma upsampling treats a cropped edge as the image's edge), and the added image's
    /// <see cref="DecodedImage.Region"/> is the exact window in those pixels' coordinates. Other formats are decoded
    /// whole (their codecs cannot do less) and only the window is added, with the whole of it as the region.
    /// </summary>
    /// <remarks>
    /// A JPEG's damage below the window is not decoded and so not seen, except truncation: a JPEG whose data does not
    /// reach its end-of-image marker fails as TensorFlow's decoder does. On failure nothing stays added to the batch.
    /// A JPEG through libschemagen_jpeg allocates nothing managed; through SkiaSharp (other formats, other platforms)
    /// the SkiaSharp wrappers of the data and the codec are the only managed allocations.
    /// </remarks>
    /// <param name="encoded">The encoded image.</param>
    /// <param name="window">The part to keep, in full-size pixels; it must lie inside the image.</param>
    /// <param name="outputHeight">Rows the window will be resized to (decides the reduction).</param>
    /// <param name="outputWidth">Columns the window will be resized to (decides the reduction).</param>
    /// <param name="batch">The batch to add the pixels to; its channels must be <see cref="ImageDecoderOptions.Channels"/>.</param>
    /// <returns>The added image (also the batch's last).</returns>
    /// <exception cref="ImageDecodeException">Not an image, unsupported, corrupt, truncated or over the pixel limit.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The window is not inside the image, or an output size is not positive.</exception>
    public DecodedImage DecodeInto(ReadOnlySpan<byte> encoded, CropWindow window, int outputHeight, int outputWidth, DecodedImageBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Channels != Options.Channels)
        {
            throw new ArgumentException($"The batch holds {batch.Channels}-channel images; this decoder writes {Options.Channels}.", nameof(batch));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputWidth);
        var header = ReadWithinLimit(encoded, out int scanOffset);
        if (window.X < 0 || window.Y < 0 || window.Width <= 0 || window.Height <= 0
            || window.X > header.Width - window.Width || window.Y > header.Height - window.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, $"The window must lie inside the {header.Width} x {header.Height} image.");
        }

        int scale = ScaleDenominator(header, window, outputHeight, outputWidth);
        var (rect, region) = Plan(header, window, scale);
        var pixels = batch.Add(rect.Height, rect.Width, region);
        try
        {
            Decode(encoded, header, scanOffset, scale, rect, pixels);
        }
        catch
        {
            batch.RemoveLast();
            throw;
        }

        return batch.Images[^1];
    }

    /// <summary>Decodes a whole image into a caller's buffer.</summary>
    /// <param name="encoded">The encoded image.</param>
    /// <param name="destination">At least <c>Height * Width * Channels</c> bytes (read the size with <see cref="ReadHeader"/>); HWC rows are written to its start.</param>
    /// <returns>The image's header (its size).</returns>
    /// <exception cref="ImageDecodeException">Not an image, unsupported, corrupt, truncated or over the pixel limit.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public ImageHeader Decode(ReadOnlySpan<byte> encoded, Span<byte> destination)
    {
        var header = ReadWithinLimit(encoded, out int scanOffset);
        long length = header.PixelCount * Options.Channels;
        if (destination.Length < length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The {header.Width} x {header.Height} image needs {length} bytes; the destination has {destination.Length}."), nameof(destination));
        }

        Decode(encoded, header, scanOffset, 1, CropWindow.Whole(header.Width, header.Height), destination[..(int)length]);
        return header;
    }

    /// <summary>Decodes a whole image into a new array of <c>Height * Width * Channels</c> HWC bytes.</summary>
    /// <param name="encoded">The encoded image.</param>
    /// <param name="header">The image's header (its size).</param>
    /// <returns>The pixels.</returns>
    /// <exception cref="ImageDecodeException">Not an image, unsupported, corrupt, truncated or over the pixel limit.</exception>
    public byte[] Decode(ReadOnlySpan<byte> encoded, out ImageHeader header)
    {
        header = ReadWithinLimit(encoded, out int scanOffset);
        long length = header.PixelCount * Options.Channels;
        if (length > Array.MaxLength)
        {
            throw TooManyPixels(header, Array.MaxLength / Options.Channels);
        }

        var pixels = new byte[length];
        Decode(encoded, header, scanOffset, 1, CropWindow.Whole(header.Width, header.Height), pixels);
        return pixels;
    }

    /// <summary>
    /// The whole pixels of the scaled image that cover the window, and the window in their coordinates. A JPEG's part
    /// gets one more pixel on each side where the image has one: libjpeg-turbo's chroma upsampling treats the edges
    /// of a cropped decode as the image's edges, so a 4:2:0 window's own edge pixels would differ from a full decode
    /// (by up to 43 levels, measured); with the margin they are the full decode's.
    /// </summary>
    internal static (CropWindow Rect, SourceRegion Region) Plan(ImageHeader header, CropWindow window, int scale)
    {
        int margin = header.Format == EncodedImageFormat.Jpeg ? 1 : 0;
        if (scale == 1 && margin == 0)
        {
            return (window, new SourceRegion(0, 0, window.Width, window.Height));
        }

        // libjpeg's scaled output pixel i covers full-size pixels [i * scale, (i + 1) * scale).
        int scaledWidth = (header.Width + scale - 1) / scale;
        int scaledHeight = (header.Height + scale - 1) / scale;
        double x0 = window.X / (double)scale;
        double y0 = window.Y / (double)scale;
        double x1 = (window.X + window.Width) / (double)scale;
        double y1 = (window.Y + window.Height) / (double)scale;
        int left = Math.Max(0, (int)Math.Floor(x0) - margin);
        int top = Math.Max(0, (int)Math.Floor(y0) - margin);
        int right = Math.Min(scaledWidth, (int)Math.Ceiling(x1) + margin);
        int bottom = Math.Min(scaledHeight, (int)Math.Ceiling(y1) + margin);
        var rect = new CropWindow(left, top, right - left, bottom - top);
        var region = new SourceRegion((float)(x0 - left), (float)(y0 - top), (float)(x1 - x0), (float)(y1 - y0));
        return (rect, region);
    }

    private ImageHeader ReadWithinLimit(ReadOnlySpan<byte> encoded, out int scanOffset)
    {
        var header = ImageHeaderReader.Read(encoded, out scanOffset);
        return header.PixelCount > Options.MaxPixels ? throw TooManyPixels(header, Options.MaxPixels) : header;
    }

    private static ImageDecodeException TooManyPixels(ImageHeader header, long limit) =>
        new(ImageDecodeError.TooManyPixels, header.Format, string.Create(CultureInfo.InvariantCulture,
            $"image of {header.Width} x {header.Height} = {header.PixelCount} pixels exceeds the limit of {limit} (ImageDecoderOptions.MaxPixels)"));

    private unsafe void Decode(ReadOnlySpan<byte> encoded, ImageHeader header, int scanOffset, int scale, CropWindow rect, Span<byte> destination)
    {
        if (header.Format == EncodedImageFormat.Jpeg && encoded[scanOffset..].LastIndexOf(EndOfImage) < 0)
        {
            // Entropy-coded data stuffs every 0xFF, so a missing FF D9 after the first scan means the data was cut.
            throw ImageHeaderReader.Truncated(EncodedImageFormat.Jpeg, string.Create(CultureInfo.InvariantCulture,
                $"the {encoded.Length} bytes end inside the scan data that starts at offset {scanOffset} (no end-of-image marker FF D9)"));
        }

        if (header.Format == EncodedImageFormat.Jpeg && _nativeJpeg)
        {
            JpegNative.Decode(encoded, header, scale, rect, Options.Channels, destination);
            return;
        }

        fixed (byte* data = encoded)
        {
            // The codec reads the caller's bytes in place: no copy into native memory.
            using var skData = SKData.Create((IntPtr)data, encoded.Length);
            using var codec = SKCodec.Create(skData)
                ?? throw ImageHeaderReader.Corrupt(header.Format, "the codec cannot read the header");
            if (codec.Info.Width != header.Width || codec.Info.Height != header.Height)
            {
                throw ImageHeaderReader.Corrupt(header.Format, $"the codec reads {codec.Info.Width} x {codec.Info.Height} pixels where the header declares {header.Width} x {header.Height}");
            }

            bool grey = codec.Info.ColorType == SKColorType.Gray8;
            if (header.Format == EncodedImageFormat.Jpeg)
            {
                DecodeJpeg(codec, header, scale, rect, grey, destination);
            }
            else
            {
                DecodeWhole(codec, header, rect, grey, destination);
            }
        }
    }

    private void DecodeJpeg(SKCodec codec, ImageHeader header, int scale, CropWindow rect, bool grey, Span<byte> destination)
    {
        var scaled = new SKSizeI(header.Width, header.Height);
        if (scale > 1)
        {
            scaled = codec.GetScaledDimensions(1f / scale);
            if (scaled.Width != (header.Width + scale - 1) / scale || scaled.Height != (header.Height + scale - 1) / scale)
            {
                throw new InvalidOperationException($"The codec scales {header.Width} x {header.Height} by 1/{scale} to {scaled.Width} x {scaled.Height}, not libjpeg's rounded-up size.");
            }
        }

        var info = Target(scaled.Width, scaled.Height, grey);
        var result = rect.X == 0 && rect.Width == scaled.Width
            ? codec.StartScanlineDecode(info)
            : codec.StartScanlineDecode(info, new SKCodecOptions(new SKRectI(rect.X, 0, rect.X + rect.Width, scaled.Height)));
        if (result != SKCodecResult.Success)
        {
            throw Failure(header.Format, result, "starting the decode");
        }

        if (rect.Y > 0 && !codec.SkipScanlines(rect.Y))
        {
            throw ImageHeaderReader.Truncated(header.Format, $"the data ends before row {rect.Y * scale}");
        }

        ReadRows(codec, header, scale, rect, grey, destination);
    }

    private unsafe void ReadRows(SKCodec codec, ImageHeader header, int scale, CropWindow rect, bool grey, Span<byte> destination)
    {
        int channels = Options.Channels;
        int sourceRowBytes = rect.Width * (grey ? 1 : 4);
        if (grey && channels == 1)
        {
            fixed (byte* target = destination)
            {
                CheckRows(codec.GetScanlines((IntPtr)target, rect.Height, sourceRowBytes), rect.Height, 0, header, scale, rect);
            }

            return;
        }

        int chunk = Math.Min(ChunkRows, rect.Height);
        var scratch = Scratch(chunk * sourceRowBytes);
        int targetRowBytes = rect.Width * channels;
        fixed (byte* source = scratch)
        {
            for (int row = 0; row < rect.Height; row += chunk)
            {
                int rows = Math.Min(chunk, rect.Height - row);
                CheckRows(codec.GetScanlines((IntPtr)source, rows, sourceRowBytes), rows, row, header, scale, rect);
                Convert(scratch.AsSpan(0, rows * sourceRowBytes), destination.Slice(row * targetRowBytes, rows * targetRowBytes), rows * rect.Width, grey);
            }
        }
    }

    private static void CheckRows(int decoded, int expected, int row, ImageHeader header, int scale, CropWindow rect)
    {
        if (decoded != expected)
        {
            throw ImageHeaderReader.Truncated(header.Format, string.Create(CultureInfo.InvariantCulture,
                $"the data ends at row {(rect.Y + row + decoded) * scale} of {header.Height}"));
        }
    }

    private unsafe void DecodeWhole(SKCodec codec, ImageHeader header, CropWindow rect, bool grey, Span<byte> destination)
    {
        int pixelBytes = grey ? 1 : 4;
        int rowBytes = header.Width * pixelBytes;
        var scratch = Scratch(checked(rowBytes * header.Height));
        SKCodecResult result;
        fixed (byte* source = scratch)
        {
            result = codec.GetPixels(Target(header.Width, header.Height, grey), (IntPtr)source, rowBytes, SKCodecOptions.Default);
        }

        if (result != SKCodecResult.Success)
        {
            throw Failure(header.Format, result, "decoding");
        }

        int targetRowBytes = rect.Width * Options.Channels;
        for (int row = 0; row < rect.Height; row++)
        {
            var sourceRow = scratch.AsSpan(((rect.Y + row) * rowBytes) + (rect.X * pixelBytes), rect.Width * pixelBytes);
            var targetRow = destination.Slice(row * targetRowBytes, targetRowBytes);
            if (grey && Options.Channels == 1)
            {
                sourceRow.CopyTo(targetRow);
            }
            else
            {
                Convert(sourceRow, targetRow, rect.Width, grey);
            }
        }

        if (_scratch.Length > KeptScratchBytes)
        {
            _scratch = [];
        }
    }

    private void Convert(ReadOnlySpan<byte> source, Span<byte> target, int pixels, bool grey)
    {
        if (grey)
        {
            PixelConversion.GreyToRgb(source, target, pixels);
        }
        else if (Options.Channels == 3)
        {
            PixelConversion.RgbaToRgb(source, target, pixels);
        }
        else
        {
            PixelConversion.RgbaToGrey(source, target, pixels);
        }
    }

    private static SKImageInfo Target(int width, int height, bool grey) =>
        // No colour space: the codec then applies no ICC profile or gamma, as TensorFlow's decoders apply none.
        grey
            ? new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque)
            : new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);

    private byte[] Scratch(int length)
    {
        if (_scratch.Length < length)
        {
            _scratch = new byte[length];
        }

        return _scratch;
    }

    private static ImageDecodeException Failure(EncodedImageFormat format, SKCodecResult result, string stage) => result switch
    {
        SKCodecResult.IncompleteInput => ImageHeaderReader.Truncated(format, $"the data ends before the last row ({stage})"),
        SKCodecResult.InvalidConversion or SKCodecResult.InvalidScale or SKCodecResult.Unimplemented =>
            new ImageDecodeException(ImageDecodeError.Unsupported, format, $"the codec cannot decode this image ({result} when {stage})"),
        _ => ImageHeaderReader.Corrupt(format, $"the codec reports {result} when {stage}"),
    };
}
