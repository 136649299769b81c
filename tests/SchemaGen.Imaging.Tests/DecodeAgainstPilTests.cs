namespace SchemaGen.Imaging.Tests;

/// <summary>
/// Whole-image decodes against PIL's (Debian's python3-pil, libjpeg-turbo 2.1.5, libpng): JPEGs within a mean
/// absolute difference of 1 level and <see cref="MaxJpegDifference"/> at most; lossless formats exactly. Measured:
/// every fixture JPEG (baseline, progressive, 4:2:0, 4:2:2, 4:4:4, grey, CMYK against TensorFlow's formula, the
/// interop files) decodes bit-exactly like PIL's, channels 3 and 1: SkiaSharp's libjpeg-turbo 3.1.4 and Debian's
/// 2.1.5 share the integer IDCT and the upsampling.
/// </summary>
public sealed class DecodeAgainstPilTests
{
    /// <summary>The largest difference of one value measured over every fixture JPEG (SkiaSharp 4.156.1 against PIL): none.</summary>
    internal const int MaxJpegDifference = 0;

    public static TheoryData<string> WithReference => ImageFixtures.Where(f => f.Rgb is not null);

    [Theory]
    [MemberData(nameof(WithReference))]
    public void Rgb_matches_pil(string file)
    {
        var fixture = ImageFixtures.Get(file);
        var pixels = new ImageDecoder().Decode(fixture.Bytes, out var header);
        Assert.Equal((fixture.Width, fixture.Height), (header.Width, header.Height));
        AssertClose(fixture, pixels, ImageFixtures.Gunzip(fixture.Rgb!));
    }

    [Theory]
    [MemberData(nameof(WithReference))]
    public void Grey_matches_pil(string file)
    {
        var fixture = ImageFixtures.Get(file);
        var pixels = new ImageDecoder(new ImageDecoderOptions { Channels = 1 }).Decode(fixture.Bytes, out var header);
        Assert.Equal(header.PixelCount, pixels.Length);
        AssertClose(fixture, pixels, ImageFixtures.Gunzip(fixture.Grey!));
    }

    [Theory]
    [MemberData(nameof(WithReference))]
    public void Decoding_into_a_caller_buffer_gives_the_same_pixels(string file)
    {
        var fixture = ImageFixtures.Get(file);
        var decoder = new ImageDecoder();
        var expected = decoder.Decode(fixture.Bytes, out _);
        var buffer = new byte[expected.Length + 7];
        buffer.AsSpan().Fill(0xAB);
        var header = decoder.Decode(fixture.Bytes, buffer);
        Assert.Equal((fixture.Width, fixture.Height), (header.Width, header.Height));
        Assert.Equal(expected, buffer[..expected.Length]);
        Assert.All(buffer[expected.Length..], b => Assert.Equal(0xAB, b));
    }

    [Theory]
    [InlineData("png-grey16-23x13.png", 1)]
    [InlineData("png-rgb16-19x11.png", 3)]
    public void Sixteen_bit_png_is_within_one_level_of_the_high_byte(string file, int sourceChannels)
    {
        // TensorFlow's decode_png(dtype=uint8) keeps the high byte; the codec converts through its own fixed point
        // (neither the high byte nor v * 255 / 65535 rounded, measured), within one level of both.
        var fixture = ImageFixtures.Get(file);
        var samples = ImageFixtures.Gunzip(fixture.U16!);
        var pixels = new ImageDecoder().Decode(fixture.Bytes, out var header);
        Assert.Equal((fixture.Width, fixture.Height), (header.Width, header.Height));
        var highBytes = new byte[header.PixelCount * 3];
        var rounded = new byte[header.PixelCount * 3];
        for (int i = 0; i < header.PixelCount; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                int sample = (i * sourceChannels) + (sourceChannels == 1 ? 0 : c);
                int value = (samples[sample * 2] << 8) | samples[(sample * 2) + 1];
                highBytes[(i * 3) + c] = (byte)(value >> 8);
                rounded[(i * 3) + c] = (byte)(((value * 255L) + 32767) / 65535);
            }
        }

        Assert.True(PixelDifference.Of(pixels, highBytes).Max <= 1, $"{file}: {PixelDifference.Of(pixels, highBytes)} from the high bytes");
        Assert.True(PixelDifference.Of(pixels, rounded).Max <= 1, $"{file}: {PixelDifference.Of(pixels, rounded)} from v * 255 / 65535");
    }

    private static void AssertClose(ImageFixture fixture, byte[] actual, byte[] expected)
    {
        var difference = PixelDifference.Of(actual, expected);
        if (fixture.IsJpeg)
        {
            Assert.True(difference.Mean <= 1.0 && difference.Max <= MaxJpegDifference, $"{fixture.File}: {difference}");
        }
        else
        {
            Assert.True(difference.Max == 0, $"{fixture.File}: {difference}");
        }
    }
}
