namespace SchemaGen.Imaging.Tests;

/// <summary>
/// <see cref="ImageDecoder.DecodeInto"/>: the decoded part and its region against the full decode (at scale 1 the
/// window's pixels exactly; reduced, the region maths and closeness to a box filter of the full decode).
/// </summary>
public sealed class WindowDecodeTests
{
    private const string Photo = "jpeg-420-q90-203x157.jpg";

    public static TheoryData<int, int, int, int> Windows => new()
    {
        { 0, 0, 203, 157 },
        { 37, 21, 100, 80 },
        { 1, 1, 1, 1 },
        { 200, 150, 3, 7 },
        { 64, 0, 139, 157 },
        { 0, 99, 203, 58 },
        { 9, 17, 64, 33 },
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public void Window_at_full_scale_is_that_region_of_the_full_decode(int x, int y, int width, int height)
    {
        foreach (var file in new[] { Photo, "jpeg-444-q95-65x33.jpg", "jpeg-420-progressive-81x57.jpg", "jpeg-grey-50x37.jpg", "jpeg-cmyk-48x32.jpg", "png-rgba-31x17.png" })
        {
            foreach (int channels in new[] { 3, 1 })
            {
                var decoder = new ImageDecoder(new ImageDecoderOptions { Channels = channels });
                var full = decoder.Decode(ImageFixtures.Read(file), out var header);
                var window = Clamp(new CropWindow(x, y, width, height), header);
                var batch = new DecodedImageBatch(1, channels);
                // An output as large as the window: no reduction.
                var image = decoder.DecodeInto(ImageFixtures.Read(file), window, window.Height, window.Width, batch);
                // A JPEG's part has a one-pixel margin where the image has one; other formats give the window alone.
                int margin = file.EndsWith(".jpg", StringComparison.Ordinal) ? 1 : 0;
                int left = Math.Max(0, window.X - margin);
                int top = Math.Max(0, window.Y - margin);
                var part = new CropWindow(left, top,
                    Math.Min(header.Width, window.X + window.Width + margin) - left, Math.Min(header.Height, window.Y + window.Height + margin) - top);
                Assert.Equal((part.Height, part.Width), (image.Height, image.Width));
                Assert.Equal(new SourceRegion(window.X - left, window.Y - top, window.Width, window.Height), image.Region);
                var inside = Crop(batch.GetPixels(0).ToArray(), part.Width, channels, new CropWindow(window.X - left, window.Y - top, window.Width, window.Height));
                var expected = Crop(full, header.Width, channels, window);
                AssertWindowMatches(file, inside, expected, $"{window} x{channels}");
            }
        }
    }

    [Theory]
    [InlineData(203, 157, 200, 150, 1)]
    [InlineData(203, 157, 101, 78, 2)]
    [InlineData(203, 157, 100, 78, 2)]
    [InlineData(203, 157, 50, 39, 4)]
    [InlineData(203, 157, 25, 19, 8)]
    [InlineData(203, 157, 24, 20, 4)]
    [InlineData(203, 157, 1, 1, 8)]
    public void Reduction_is_the_largest_that_keeps_the_output_size(int width, int height, int outputWidth, int outputHeight, int expected)
    {
        var jpeg = new ImageHeader(EncodedImageFormat.Jpeg, 203, 157, ImageColorType.Rgb);
        Assert.Equal(expected, ImageDecoder.ScaleDenominator(jpeg, new CropWindow(0, 0, width, height), outputHeight, outputWidth));
        var png = jpeg with { Format = EncodedImageFormat.Png };
        Assert.Equal(1, ImageDecoder.ScaleDenominator(png, new CropWindow(0, 0, width, height), outputHeight, outputWidth));
    }

    [Theory]
    [InlineData(0, 0, 203, 157, 4)]
    [InlineData(37, 21, 120, 101, 4)]
    [InlineData(37, 21, 120, 101, 2)]
    [InlineData(5, 3, 190, 150, 8)]
    [InlineData(101, 77, 17, 9, 2)]
    public void Reduced_window_covers_the_exact_window(int x, int y, int width, int height, int scale)
    {
        var bytes = ImageFixtures.Read(Photo);
        var decoder = new ImageDecoder();
        var window = new CropWindow(x, y, width, height);
        var batch = new DecodedImageBatch(1, 3);
        var image = decoder.DecodeInto(bytes, window, height / scale, width / scale, batch);

        // Region maths: scaled pixel i covers full-size pixels [i * scale, (i + 1) * scale); one pixel of margin.
        int left = Math.Max(0, (x / scale) - 1);
        int top = Math.Max(0, (y / scale) - 1);
        int right = Math.Min((203 + scale - 1) / scale, ((x + width + scale - 1) / scale) + 1);
        int bottom = Math.Min((157 + scale - 1) / scale, ((y + height + scale - 1) / scale) + 1);
        Assert.Equal((bottom - top, right - left), (image.Height, image.Width));
        Assert.Equal(new SourceRegion((x / (float)scale) - left, (y / (float)scale) - top, width / (float)scale, height / (float)scale), image.Region);

        // Pixels: libjpeg's reduced IDCT is close to the mean of each scale x scale block of the full decode.
        var full = decoder.Decode(bytes, out var header);
        var boxed = BoxFilter(full, header.Width, header.Height, scale, new CropWindow(left, top, right - left, bottom - top));
        var difference = PixelDifference.Of(batch.GetPixels(0), boxed);
        Assert.True(difference.Mean <= ReducedMeanBound && difference.Max <= ReducedMaxBound, $"1/{scale} {window}: {difference}");
    }

    [Fact]
    public void Reduced_decode_matches_the_whole_reduced_image()
    {
        // A window of a reduced image is that region of the whole reduced image (column cropping and row skipping change nothing).
        var bytes = ImageFixtures.Read(Photo);
        var decoder = new ImageDecoder();
        var batch = new DecodedImageBatch(2, 3);
        var whole = decoder.DecodeInto(bytes, new CropWindow(0, 0, 203, 157), 39, 50, batch);
        var part = decoder.DecodeInto(bytes, new CropWindow(64, 40, 120, 100), 25, 30, batch);
        Assert.Equal((40, 51), (whole.Height, whole.Width));
        Assert.Equal((27, 32), (part.Height, part.Width)); // 1/4 of (64, 40) 120 x 100 is (16, 10) 30 x 25, plus the margin
        Assert.Equal(new SourceRegion(1, 1, 30, 25), part.Region);
        var expected = Crop(batch.GetPixels(0).ToArray(), whole.Width, 3, new CropWindow(15, 9, 32, 27));
        AssertWindowMatches(Photo, batch.GetPixels(1), expected, "1/4 (64, 40) 120 x 100");
    }

    [Fact]
    public void Window_outside_the_image_or_a_mismatched_batch_is_refused()
    {
        var bytes = ImageFixtures.Read(Photo);
        var decoder = new ImageDecoder();
        var batch = new DecodedImageBatch(2, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => decoder.DecodeInto(bytes, new CropWindow(200, 0, 4, 10), 4, 4, batch));
        Assert.Throws<ArgumentOutOfRangeException>(() => decoder.DecodeInto(bytes, new CropWindow(0, -1, 4, 10), 4, 4, batch));
        Assert.Throws<ArgumentOutOfRangeException>(() => decoder.DecodeInto(bytes, new CropWindow(0, 0, 0, 10), 4, 4, batch));
        Assert.Throws<ArgumentOutOfRangeException>(() => decoder.DecodeInto(bytes, new CropWindow(0, 0, 4, 10), 0, 4, batch));
        Assert.Throws<ArgumentException>(() => decoder.DecodeInto(bytes, new CropWindow(0, 0, 4, 10), 4, 4, new DecodedImageBatch(2, 1)));
        Assert.Equal(0, batch.Count);
    }

    [Fact]
    public void Steady_state_through_skia_allocates_only_the_codec_wrappers()
    {
        var bytes = ImageFixtures.Read(Photo);
        var decoder = new ImageDecoder(new ImageDecoderOptions { Jpeg = JpegBackend.Skia });
        var batch = new DecodedImageBatch(8, 3);
        for (int i = 0; i < 8; i++)
        {
            decoder.DecodeInto(bytes, new CropWindow(i, i, 150, 120), 64, 64, batch); // grows the batch and scratch
        }

        // The least of five rounds: SkiaSharp registers its wrappers in a process-wide dictionary, which grows on
        // whichever thread finds it full while other test classes decode in parallel.
        long perImage = long.MaxValue;
        for (int round = 0; round < 5; round++)
        {
            batch.Clear();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 8; i++)
            {
                decoder.DecodeInto(bytes, new CropWindow(i, i, 150, 120), 64, 64, batch);
            }

            perImage = Math.Min(perImage, (GC.GetAllocatedBytesForCurrentThread() - before) / 8);
        }

        // SkiaSharp's SKData and SKCodec objects (and their handle registration): 216 bytes measured, no pixel buffers.
        Assert.True(perImage <= MaxManagedBytesPerImage, $"{perImage} bytes per image");
    }

    /// <summary>
    /// A window against the same region of the whole decode: exact, 4:2:0 included (measured: 0 over 300 random
    /// windows of the 203x157 photo), thanks to the one-pixel margin; without it, libjpeg-turbo's chroma upsampling
    /// moved a cropped 4:2:0 window's edge column by up to 43 levels.
    /// </summary>
    private static void AssertWindowMatches(string file, ReadOnlySpan<byte> actual, byte[] expected, string what)
    {
        var difference = PixelDifference.Of(actual, expected);
        Assert.True(difference.Max == 0, $"{file} {what}: {difference}");
    }


    /// <summary>
    /// Reduced (DCT-scaled) decodes against the box-filtered full decode: measured at most a mean of 2.23 and a
    /// maximum of 30 levels (1/2 of a 17 x 9 window: the reduced IDCT is no box filter at sharp edges).
    /// </summary>
    internal const double ReducedMeanBound = 2.5;

    internal const int ReducedMaxBound = 32;

    internal const int MaxManagedBytesPerImage = 512;

    private static CropWindow Clamp(CropWindow window, ImageHeader header)
    {
        int x = Math.Min(window.X, header.Width - 1);
        int y = Math.Min(window.Y, header.Height - 1);
        return new CropWindow(x, y, Math.Min(window.Width, header.Width - x), Math.Min(window.Height, header.Height - y));
    }

    private static byte[] Crop(byte[] pixels, int width, int channels, CropWindow window)
    {
        var result = new byte[window.Width * window.Height * channels];
        for (int row = 0; row < window.Height; row++)
        {
            pixels.AsSpan((((window.Y + row) * width) + window.X) * channels, window.Width * channels)
                .CopyTo(result.AsSpan(row * window.Width * channels));
        }

        return result;
    }

    /// <summary>The mean of each scale x scale block (clipped at the image's edge) of the full decode, rounded.</summary>
    private static byte[] BoxFilter(byte[] full, int width, int height, int scale, CropWindow rect)
    {
        var result = new byte[rect.Width * rect.Height * 3];
        for (int row = 0; row < rect.Height; row++)
        {
            for (int column = 0; column < rect.Width; column++)
            {
                for (int c = 0; c < 3; c++)
                {
                    double sum = 0;
                    int count = 0;
                    for (int dy = 0; dy < scale; dy++)
                    {
                        for (int dx = 0; dx < scale; dx++)
                        {
                            int sy = ((rect.Y + row) * scale) + dy;
                            int sx = ((rect.X + column) * scale) + dx;
                            if (sy < height && sx < width)
                            {
                                sum += full[(((sy * width) + sx) * 3) + c];
                                count++;
                            }
                        }
                    }

                    result[(((row * rect.Width) + column) * 3) + c] = (byte)Math.Round(sum / count);
                }
            }
        }

        return result;
    }
}
