namespace SchemaGen.Imaging.Tests;

public sealed class HeaderTests
{
    public static TheoryData<string> Declared => ImageFixtures.Where(f => f.Format is not null && f.Width > 0 && f.Error is null or "TooManyPixels");

    [Theory]
    [MemberData(nameof(Declared))]
    public void Header_declares_format_size_and_colour_model(string file)
    {
        var fixture = ImageFixtures.Get(file);
        var header = ImageDecoder.ReadHeader(fixture.Bytes);
        Assert.Equal(Enum.Parse<EncodedImageFormat>(fixture.Format!), header.Format);
        Assert.Equal((fixture.Width, fixture.Height), (header.Width, header.Height));
        Assert.Equal(Enum.Parse<ImageColorType>(fixture.ColorType!), header.ColorType);
        Assert.Equal((long)fixture.Width * fixture.Height, header.PixelCount);
    }

    [Fact]
    public void Header_reads_only_the_header()
    {
        // The first 300 bytes hold the JPEG's markers up to its first scan; no pixel data is needed.
        var jpeg = ImageFixtures.Read("jpeg-420-q90-97x61.jpg");
        int scan = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]);
        var header = ImageDecoder.ReadHeader(jpeg.AsSpan(0, scan + 4));
        Assert.Equal(new ImageHeader(EncodedImageFormat.Jpeg, 97, 61, ImageColorType.Rgb), header);
        var png = ImageFixtures.Read("png-rgba-31x17.png");
        Assert.Equal(new ImageHeader(EncodedImageFormat.Png, 31, 17, ImageColorType.Rgba), ImageDecoder.ReadHeader(png.AsSpan(0, 33)));
    }

    [Fact]
    public void Exif_orientation_is_ignored_as_tensorflow_ignores_it()
    {
        // The fixture carries Orientation = 6 (rotate 90 degrees clockwise to display); the pixels come as stored.
        var fixture = ImageFixtures.Get("jpeg-exif-orientation6-60x40.jpg");
        Assert.True(fixture.Bytes.AsSpan().IndexOf("Exif\0\0"u8) > 0);
        var pixels = new ImageDecoder().Decode(fixture.Bytes, out var header);
        Assert.Equal((60, 40), (header.Width, header.Height));
        var difference = PixelDifference.Of(pixels, ImageFixtures.Gunzip(fixture.Rgb!));
        Assert.True(difference.Mean <= 1.0 && difference.Max <= DecodeAgainstPilTests.MaxJpegDifference, difference.ToString());
    }
}
