namespace SchemaGen.Imaging.Tests;

public sealed class EncoderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Png_round_trips_exactly(int channels)
    {
        var pixels = Noise(23, 17, channels, seed: channels);
        var png = ImageEncoder.EncodePng(pixels, 17, 23, channels);
        var header = ImageDecoder.ReadHeader(png);
        Assert.Equal(new ImageHeader(EncodedImageFormat.Png, 23, 17, channels == 1 ? ImageColorType.Grey : ImageColorType.Rgb), header);
        var decoded = new ImageDecoder(new ImageDecoderOptions { Channels = channels }).Decode(png, out _);
        Assert.Equal(pixels, decoded);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Jpeg_is_close_to_its_input(int channels)
    {
        // A smooth picture: JPEG at quality 95 keeps it within a few levels.
        var pixels = new byte[40 * 48 * channels];
        for (int i = 0; i < pixels.Length; i++)
        {
            int pixel = i / channels;
            pixels[i] = (byte)(((pixel % 48) * 2) + ((pixel / 48) * 2) + ((i % channels) * 10));
        }

        var jpeg = ImageEncoder.EncodeJpeg(pixels, 40, 48, channels, quality: 95);
        var header = ImageDecoder.ReadHeader(jpeg);
        Assert.Equal(new ImageHeader(EncodedImageFormat.Jpeg, 48, 40, channels == 1 ? ImageColorType.Grey : ImageColorType.Rgb), header);
        var decoded = new ImageDecoder(new ImageDecoderOptions { Channels = channels }).Decode(jpeg, out _);
        var difference = PixelDifference.Of(decoded, pixels);
        Assert.True(difference.Mean < 2 && difference.Max <= 12, difference.ToString());
    }

    [Fact]
    public void Wrong_sizes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ImageEncoder.EncodePng(new byte[10], 2, 2, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageEncoder.EncodePng(new byte[16], 2, 2, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageEncoder.EncodeJpeg(new byte[12], 2, 2, 3, quality: 0));
    }

    private static byte[] Noise(int width, int height, int channels, int seed)
    {
        var pixels = new byte[width * height * channels];
        new Random(seed).NextBytes(pixels);
        return pixels;
    }
}
