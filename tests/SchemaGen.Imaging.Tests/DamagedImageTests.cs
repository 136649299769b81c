namespace SchemaGen.Imaging.Tests;

/// <summary>Damaged, hostile and unknown input: an <see cref="ImageDecodeException"/> that says what is wrong, never a crash.</summary>
public sealed class DamagedImageTests
{
    [Theory]
    [InlineData("bad-jpeg-truncated-half.jpg", ImageDecodeError.Truncated, "JPEG image: truncated")]
    [InlineData("bad-jpeg-truncated-header.jpg", ImageDecodeError.Truncated, "JPEG image: truncated")]
    [InlineData("bad-jpeg-progressive-truncated.jpg", ImageDecodeError.Truncated, "JPEG image: truncated")]
    [InlineData("bad-jpeg-bogus-huffman.jpg", ImageDecodeError.Corrupt, "JPEG image: corrupt")]
    [InlineData("bad-png-truncated.png", ImageDecodeError.Truncated, "PNG image: truncated")]
    [InlineData("bad-png-corrupt-idat.png", ImageDecodeError.Corrupt, "PNG image: corrupt")]
    [InlineData("bad-random-bytes.bin", ImageDecodeError.UnknownFormat, "no JPEG, PNG, GIF, BMP or WebP image")]
    public void Damaged_image_fails_with_what_is_wrong(string file, ImageDecodeError error, string message)
    {
        var bytes = ImageFixtures.Read(file);
        foreach (int channels in new[] { 3, 1 })
        {
            var exception = Assert.Throws<ImageDecodeException>(() => new ImageDecoder(new ImageDecoderOptions { Channels = channels }).Decode(bytes, out _));
            Assert.Equal(error, exception.Error);
            Assert.StartsWith(message.StartsWith("no ", StringComparison.Ordinal) ? "the 64 bytes are " + message : message, exception.Message, StringComparison.Ordinal);
            Assert.IsAssignableFrom<FormatException>(exception);
        }
    }

    [Theory]
    [InlineData("bad-jpeg-truncated-half.jpg")]
    [InlineData("bad-jpeg-progressive-truncated.jpg")]
    [InlineData("bad-jpeg-bogus-huffman.jpg")]
    [InlineData("bad-png-truncated.png")]
    public void Failed_window_decode_leaves_the_batch_as_it_was(string file)
    {
        var decoder = new ImageDecoder();
        var batch = new DecodedImageBatch(4, 3);
        var good = ImageFixtures.Read("jpeg-420-q90-97x61.jpg");
        decoder.DecodeInto(good, new CropWindow(0, 0, 97, 61), 20, 20, batch);
        var before = batch.Pixels.ToArray();
        var header = ImageDecoder.ReadHeader(ImageFixtures.Read(file));
        // The whole image, and the top rows only (a truncation below them is still found by the end-of-image check).
        foreach (var window in new[] { CropWindow.Whole(header.Width, header.Height), new CropWindow(0, 0, header.Width, 8) })
        {
            Assert.Throws<ImageDecodeException>(() => decoder.DecodeInto(ImageFixtures.Read(file), window, 8, 8, batch));
            Assert.Equal(1, batch.Count);
            Assert.Equal(before, batch.Pixels.ToArray());
        }
    }

    [Fact]
    public void Noise_in_the_scan_data_decodes_or_fails_cleanly()
    {
        // libjpeg-turbo warns about corrupt entropy-coded data and goes on (as TensorFlow's decoder does); either way
        // the result is pixels of the declared size or an ImageDecodeException.
        var bytes = ImageFixtures.Read("bad-jpeg-noise-in-scan.jpg");
        try
        {
            var pixels = new ImageDecoder().Decode(bytes, out var header);
            Assert.Equal(97 * 61 * 3, pixels.Length);
        }
        catch (ImageDecodeException exception)
        {
            Assert.Equal(EncodedImageFormat.Jpeg, exception.Format);
        }
    }

    [Fact]
    public void Every_prefix_of_a_jpeg_and_a_png_fails_cleanly()
    {
        var decoder = new ImageDecoder();
        foreach (var file in new[] { "jpeg-420-progressive-81x57.jpg", "jpeg-420-q90-97x61.jpg", "png-rgb-37x23.png" })
        {
            var bytes = ImageFixtures.Read(file);
            // A PNG missing only its IEND chunk still holds every row; stop before it.
            for (int length = 0; length < bytes.Length - 12; length += 37)
            {
                var exception = Assert.Throws<ImageDecodeException>(() => decoder.Decode(bytes.AsSpan(0, length), new byte[bytes.Length * 40]));
                Assert.True(exception.Error is ImageDecodeError.Truncated or ImageDecodeError.Corrupt or ImageDecodeError.UnknownFormat, $"{file}[..{length}]: {exception.Message}");
            }
        }
    }

    [Theory]
    [InlineData("huge-jpeg-50000x50000.jpg", "JPEG image: image of 50000 x 50000 = 2500000000 pixels exceeds the limit of 100000000")]
    [InlineData("huge-png-50000x50000.png", "PNG image: image of 50000 x 50000 = 2500000000 pixels exceeds the limit of 100000000")]
    public void Image_over_the_pixel_limit_is_refused_before_allocating(string file, string message)
    {
        var bytes = ImageFixtures.Read(file);
        var decoder = new ImageDecoder();
        var batch = new DecodedImageBatch(2, 3);
        Assert.Throws<ImageDecodeException>(() => decoder.Decode(bytes, out _)); // warm up: JIT and type loads
        long before = GC.GetAllocatedBytesForCurrentThread();
        var exception = Assert.Throws<ImageDecodeException>(() => decoder.Decode(bytes, out _));
        var windowed = Assert.Throws<ImageDecodeException>(() => decoder.DecodeInto(bytes, new CropWindow(0, 0, 100, 100), 10, 10, batch));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(ImageDecodeError.TooManyPixels, exception.Error);
        Assert.Equal(ImageDecodeError.TooManyPixels, windowed.Error);
        Assert.StartsWith(message, exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, batch.Count);
        // Two exceptions and their messages; nothing near the 7.5 GB the pixels would need.
        Assert.True(allocated < 16 * 1024, $"{allocated} bytes allocated");
    }

    [Fact]
    public void Pixel_limit_is_configurable()
    {
        var bytes = ImageFixtures.Read("jpeg-420-q90-97x61.jpg");
        var exception = Assert.Throws<ImageDecodeException>(() => new ImageDecoder(new ImageDecoderOptions { MaxPixels = (97 * 61) - 1 }).Decode(bytes, out _));
        Assert.Equal("JPEG image: image of 97 x 61 = 5917 pixels exceeds the limit of 5916 (ImageDecoderOptions.MaxPixels)", exception.Message);
        Assert.Equal(97 * 61 * 3, new ImageDecoder(new ImageDecoderOptions { MaxPixels = 97 * 61 }).Decode(bytes, out _).Length);
    }

    [Fact]
    public void Empty_input_says_so()
    {
        var exception = Assert.Throws<ImageDecodeException>(() => ImageDecoder.ReadHeader([]));
        Assert.Equal(ImageDecodeError.UnknownFormat, exception.Error);
        Assert.Null(exception.Format);
        Assert.Equal("the encoded image is empty (0 bytes)", exception.Message);
    }
}
