using System.Runtime.InteropServices;

namespace SchemaGen.Imaging.Tests;

/// <summary>
/// The JPEG backends: SchemaGen's libjpeg-turbo shim (SIMD) where it loads, SkiaSharp elsewhere. Reduced windows
/// against PIL's DCT-scaled decodes (<c>Image.draft</c>, the same libjpeg-turbo 2.1.5: exact), the SkiaSharp fallback
/// against PIL, and hostile input that only the shim's own guards stop.
/// </summary>
public sealed class NativeJpegTests
{
    public static TheoryData<string, int, int> Scaled
    {
        get
        {
            var data = new TheoryData<string, int, int>();
            foreach (var fixture in ScaledFixtures.All)
            {
                data.Add(fixture.File, fixture.Scale, 3);
                data.Add(fixture.File, fixture.Scale, 1);
            }

            return data;
        }
    }

    public static TheoryData<string> JpegsWithReference => ImageFixtures.Where(f => f.IsJpeg && f.Rgb is not null);

    [Fact]
    public void Shim_with_simd_decodes_jpegs_on_linux_x64()
    {
        // The package ships the shim for Linux x64 only; there it must load and use libjpeg-turbo's SIMD code.
        bool linuxX64 = OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;
        Assert.Equal(linuxX64, JpegNative.IsAvailable);
        Assert.Equal(linuxX64, JpegNative.UsesSimd);
    }

    [Theory]
    [MemberData(nameof(Scaled))]
    public void Reduced_window_is_that_region_of_pils_reduced_decode(string file, int scale, int channels)
    {
        var fixture = ImageFixtures.Get(file);
        var reduced = ScaledFixtures.Get(file, scale);
        var reference = ImageFixtures.Gunzip(channels == 3 ? reduced.Rgb : reduced.Grey);
        Assert.Equal(reduced.Width * reduced.Height * channels, reference.Length);
        var decoder = new ImageDecoder(new ImageDecoderOptions { Channels = channels });
        var header = ImageDecoder.ReadHeader(fixture.Bytes);
        var random = new Random(scale + (channels * 10) + file.Length);
        var windows = new List<CropWindow> { CropWindow.Whole(header.Width, header.Height) };
        for (int i = 0; i < 60; i++)
        {
            int width = random.Next(scale, header.Width + 1);
            int height = random.Next(scale, header.Height + 1);
            windows.Add(new CropWindow(random.Next(0, header.Width - width + 1), random.Next(0, header.Height - height + 1), width, height));
        }

        int tested = 0;
        var batch = new DecodedImageBatch(1, channels);
        foreach (var window in windows)
        {
            int outputWidth = window.Width / scale;
            int outputHeight = window.Height / scale;
            if (ImageDecoder.ScaleDenominator(header, window, outputHeight, outputWidth) != scale)
            {
                continue; // the window is large enough for a greater reduction: another case's
            }

            batch.Clear();
            var image = decoder.DecodeInto(fixture.Bytes, window, outputHeight, outputWidth, batch);
            // The reduced pixels that cover the window: i covers full-size [i * scale, (i + 1) * scale).
            int x0 = window.X / scale;
            int y0 = window.Y / scale;
            int x1 = (window.X + window.Width + scale - 1) / scale;
            int y1 = (window.Y + window.Height + scale - 1) / scale;
            // The part decoded has one more pixel on each side where the image has one.
            int left = Math.Max(0, x0 - 1);
            int top = Math.Max(0, y0 - 1);
            Assert.Equal((Math.Min(reduced.Height, y1 + 1) - top, Math.Min(reduced.Width, x1 + 1) - left), (image.Height, image.Width));
            var pixels = batch.GetPixels(0);
            for (int row = y0; row < y1; row++)
            {
                var actual = pixels.Slice((((row - top) * image.Width) + (x0 - left)) * channels, (x1 - x0) * channels);
                var expected = reference.AsSpan(((row * reduced.Width) + x0) * channels, (x1 - x0) * channels);
                Assert.True(actual.SequenceEqual(expected), $"{file} 1/{scale} x{channels} {window}: row {row} differs from PIL's ({PixelDifference.Of(actual, expected.ToArray())})");
            }

            tested++;
        }

        Assert.True(tested >= 5, $"{tested} windows at 1/{scale}");
    }

    [Theory]
    [MemberData(nameof(JpegsWithReference))]
    public void Skia_fallback_matches_pil(string file)
    {
        // The decoder of platforms without the shim (Windows, macOS, Linux arm64).
        var fixture = ImageFixtures.Get(file);
        foreach (int channels in new[] { 3, 1 })
        {
            var decoder = new ImageDecoder(new ImageDecoderOptions { Channels = channels, Jpeg = JpegBackend.Skia });
            var pixels = decoder.Decode(fixture.Bytes, out _);
            var difference = PixelDifference.Of(pixels, ImageFixtures.Gunzip(channels == 3 ? fixture.Rgb! : fixture.Grey!));
            Assert.True(difference.Max <= DecodeAgainstPilTests.MaxJpegDifference, $"{file} x{channels}: {difference}");
        }
    }

    [Fact]
    public void Cmyk_without_an_adobe_marker_is_read_as_plain_cmyk_as_tensorflow_reads_it()
    {
        // TensorFlow's jpeg_mem.cc: R = (255 - K)(255 - C) / 255 without the marker (R = K C / 255 with it).
        var fixture = ScaledFixtures.CmykWithoutAdobe;
        var bytes = ImageFixtures.Read(fixture.File);
        Assert.Equal(ImageColorType.Cmyk, ImageDecoder.ReadHeader(bytes).ColorType);
        foreach (int channels in new[] { 3, 1 })
        {
            var pixels = new ImageDecoder(new ImageDecoderOptions { Channels = channels, Jpeg = JpegBackend.Native }).Decode(bytes, out var header);
            Assert.Equal((fixture.Width, fixture.Height), (header.Width, header.Height));
            var difference = PixelDifference.Of(pixels, ImageFixtures.Gunzip(channels == 3 ? fixture.Rgb : fixture.Grey));
            Assert.True(difference.Max == 0, $"x{channels}: {difference}");
        }
    }

    [Fact]
    public void Progressive_jpeg_with_too_many_scans_is_refused()
    {
        // One scan repeated 600 times: libjpeg only warns about the bogus progression and would redecode the whole
        // image for each scan (a known denial of service); the shim stops after 500.
        var bytes = ImageFixtures.Read("jpeg-420-progressive-81x57.jpg");
        var (start, end) = FirstScan(bytes);
        var hostile = new List<byte>(bytes[..end]);
        for (int i = 0; i < 600; i++)
        {
            hostile.AddRange(bytes[start..end]);
        }

        hostile.AddRange(bytes[end..]);
        var exception = Assert.Throws<ImageDecodeException>(() => new ImageDecoder(new ImageDecoderOptions { Jpeg = JpegBackend.Native }).Decode(hostile.ToArray(), out _));
        Assert.Equal(ImageDecodeError.Corrupt, exception.Error);
        Assert.Contains("more than 500 scans", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shim_decodes_without_managed_allocation()
    {
        var bytes = ImageFixtures.Read("jpeg-420-q90-203x157.jpg");
        var decoder = new ImageDecoder(new ImageDecoderOptions { Jpeg = JpegBackend.Native });
        var batch = new DecodedImageBatch(8, 3);
        for (int i = 0; i < 8; i++)
        {
            decoder.DecodeInto(bytes, new CropWindow(i, i, 150, 120), 64, 64, batch); // grows the batch
        }

        batch.Clear();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 8; i++)
        {
            decoder.DecodeInto(bytes, new CropWindow(i, i, 150, 120), 64, 64, batch);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>The first SOS segment and its entropy-coded data: from its marker to the next marker that is no RST.</summary>
    private static (int Start, int End) FirstScan(byte[] bytes)
    {
        int position = 2;
        while (bytes[position + 1] != 0xDA)
        {
            position += 2 + ((bytes[position + 2] << 8) | bytes[position + 3]);
        }

        int end = position + 2 + ((bytes[position + 2] << 8) | bytes[position + 3]);
        while (!(bytes[end] == 0xFF && bytes[end + 1] != 0 && bytes[end + 1] is not (>= 0xD0 and <= 0xD7)))
        {
            end++;
        }

        return (position, end);
    }
}
