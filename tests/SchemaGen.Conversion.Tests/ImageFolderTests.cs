using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using SchemaGen.Conversion.Images;
using SchemaGen.Conversion.Tests.Infrastructure;

namespace SchemaGen.Conversion.Tests;

public sealed class ImageFolderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static byte[] Pixels(int width, int height, int seed)
    {
        var pixels = new byte[width * height * 3];
        new Random(seed).NextBytes(pixels);
        return pixels;
    }

    // PNG and BMP files written by the tests' own encoders (tests/SchemaGen.Testing's PngPicture, BmpFile), not by the codec under test.
    private string Save(string relative, byte[] pixels, int width, int height) =>
        SaveBytes(relative, Path.GetExtension(relative) == ".bmp" ? BmpFile.Rgb(pixels, width, height) : PngPicture.Encode(pixels, width, height));

    private string SaveBytes(string relative, byte[] file)
    {
        string path = Path.Combine(_temp.FullPath, "images", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, file);
        return path;
    }

    // A committed fixture of tests/data/images and PIL's decode of it (tests/data/images/README.md).
    private static (byte[] File, byte[] Rgb) Fixture(string name)
    {
        byte[] file = File.ReadAllBytes(Repository.Path("tests/data/images/" + name));
        using var gzip = new GZipStream(File.OpenRead(Repository.Path($"tests/data/images/refs/{name}.rgb.gz")), CompressionMode.Decompress);
        using var rgb = new MemoryStream();
        gzip.CopyTo(rgb);
        return (file, rgb.ToArray());
    }

    private string Root => Path.Combine(_temp.FullPath, "images");

    [Fact]
    public void Lossless_images_convert_pixel_exact_with_sorted_classes()
    {
        var cat = Pixels(8, 6, 1);
        var dog1 = Pixels(8, 6, 2);
        var dog2 = Pixels(8, 6, 3);
        Save("dog/b.bmp", dog2, 8, 6);
        Save("dog/a.png", dog1, 8, 6);
        Save("cat/x.png", cat, 8, 6);
        string output = _temp.File("out");
        Converter.Convert(DatasetFormat.ImageFolder, Root, output, new ConversionOptions { IncludeFileName = true });

        var records = Shards.Read(output, "train");
        Assert.Equal(["cat/x.png", "dog/a.png", "dog/b.bmp"], records.Select(r => r.Text("filename")));
        Assert.Equal([0L, 1, 1], records.Select(r => r.Int64("label")));
        Assert.Equal(cat, records[0].Image());
        Assert.Equal(dog1, records[1].Image());
        Assert.Equal(dog2, records[2].Image());
    }

    [Fact]
    public void An_invalid_file_is_an_error_naming_it_or_skipped_and_counted()
    {
        Save("cat/a.png", Pixels(4, 4, 1), 4, 4);
        SaveBytes("cat/b.jpg", Fixture("jpeg-420-q75-1x1.jpg").File);
        string broken = Path.Combine(Root, "dog", "broken.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(broken)!);
        File.WriteAllText(broken, "not a jpeg at all");

        var error = Assert.Throws<DatasetFormatException>(() => Converter.Convert(DatasetFormat.ImageFolder, Root, _temp.File("strict"), new ConversionOptions { Encoding = ImageEncoding.Png }));
        Assert.StartsWith(broken, error.Message);

        string output = _temp.File("lenient");
        var result = Converter.Convert(DatasetFormat.ImageFolder, Root, output, new ConversionOptions { SkipInvalid = true, Encoding = ImageEncoding.Png });
        Assert.Equal("dog/broken.jpg", Assert.Single(result.Skipped).Path);
        Assert.Equal(2, result.Splits.Single().Records);
        Assert.Equal(2, Shards.Read(output, "train").Count);
        Assert.Contains("broken.jpg", File.ReadAllText(result.DatasetInfoPath));
    }

    [Fact]
    public void A_header_declaring_a_huge_image_is_refused_before_decoding()
    {
        // A valid PNG signature and IHDR for 100000 x 100000 RGB, then nothing: decoding it would need 30 GB.
        var png = new List<byte>([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[17];
        "IHDR"u8.CopyTo(ihdr);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), 100_000);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(8), 100_000);
        ihdr[12] = 8;
        ihdr[13] = 2;
        png.AddRange([0, 0, 0, 13]);
        png.AddRange(ihdr);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.HashToUInt32(ihdr));
        png.AddRange(crc);
        string bomb = Path.Combine(Root, "cat", "bomb.png");
        Directory.CreateDirectory(Path.GetDirectoryName(bomb)!);
        File.WriteAllBytes(bomb, png.ToArray());

        long before = GC.GetTotalAllocatedBytes();
        var error = Assert.Throws<DatasetFormatException>(() => Converter.Convert(DatasetFormat.ImageFolder, Root, _temp.File("out")));
        Assert.Contains("100000x100000", error.Message);
        Assert.Contains("over the limit", error.Message);
        Assert.True(GC.GetTotalAllocatedBytes() - before < 100_000_000);
    }

    [Fact]
    public void Raw_images_of_different_sizes_need_a_resize()
    {
        Save("a/one.png", Pixels(4, 4, 1), 4, 4);
        Save("b/two.png", Pixels(5, 3, 2), 5, 3);
        var error = Assert.Throws<DatasetFormatException>(() => Converter.Convert(DatasetFormat.ImageFolder, Root, _temp.File("out")));
        Assert.Contains("resize", error.Message);

        string output = _temp.File("resized");
        Converter.Convert(DatasetFormat.ImageFolder, Root, output, new ConversionOptions { Resize = new ImageSize(6, 2) });
        Assert.All(Shards.Read(output, "train"), record => Assert.Equal(6 * 2 * 3, record.Image().Length));
        Assert.Contains("\"shape\": [\n        2,\n        6,\n        3", File.ReadAllText(Path.Combine(output, "dataset_info.json")).Replace("\r", ""));
    }

    [Fact]
    public void Shard_index_runs_over_an_image_folder_equal_a_single_run()
    {
        for (int i = 0; i < 7; i++)
        {
            Save($"c{i % 3}/{i}.png", Pixels(3, 3, i), 3, 3);
        }

        var options = new ConversionOptions { Shards = 3, Seed = 5, Encoding = ImageEncoding.Jpeg };
        Converter.Convert(DatasetFormat.ImageFolder, Root, _temp.File("single"), options);
        Converter.Convert(DatasetFormat.ImageFolder, Root, _temp.File("union"), options with { ShardIndex = 0, ShardCount = 2 });
        Converter.Convert(DatasetFormat.ImageFolder, Root, _temp.File("union"), options with { ShardIndex = 1, ShardCount = 2 });
        Converter.Finalize(_temp.File("union"));
        var union = Shards.Snapshot(_temp.File("union"));
        Assert.True(union.Remove("_job-00000-of-00002.json") && union.Remove("_job-00001-of-00002.json"));
        Assert.Equal(Shards.Snapshot(_temp.File("single")), union);
        Assert.All(Shards.Read(_temp.File("single"), "train"), r => Assert.Equal(new byte[] { 0xFF, 0xD8 }, r.Image()[..2]));
    }

    [Theory]
    [InlineData("jpeg-420-q90-97x61.jpg")]
    [InlineData("jpeg-420-progressive-81x57.jpg")]
    [InlineData("jpeg-grey-50x37.jpg")]
    [InlineData("jpeg-cmyk-48x32.jpg")]
    [InlineData("jpeg-exif-orientation6-60x40.jpg")]
    [InlineData("png-rgba-31x17.png")]
    [InlineData("png-palette-33x21.png")]
    [InlineData("png-greyalpha-21x15.png")]
    [InlineData("gif-20x14.gif")]
    [InlineData("bmp-rgb-22x13.bmp")]
    [InlineData("webp-lossless-24x16.webp")]
    public void Each_format_converts_to_the_pixels_PIL_decodes(string name)
    {
        // PIL's im.convert('RGB') (for the CMYK JPEG, TensorFlow's conversion of libjpeg's inks): grey repeated, alpha
        // dropped, a GIF's first frame, EXIF orientation ignored. SchemaGen.Imaging decodes these fixtures bit-exactly.
        var (file, rgb) = Fixture(name);
        SaveBytes("only/" + name, file);
        string output = _temp.File("out");
        Converter.Convert(DatasetFormat.ImageFolder, Root, output);
        Assert.Equal(rgb, Assert.Single(Shards.Read(output, "train")).Image());
    }

    [Fact]
    public void Png_records_decode_to_the_source_pixels_and_encoding_is_deterministic()
    {
        var pixels = Pixels(13, 7, 4);
        Save("a/x.bmp", pixels, 13, 7);
        string first = _temp.File("first"), second = _temp.File("second");
        Converter.Convert(DatasetFormat.ImageFolder, Root, first, new ConversionOptions { Encoding = ImageEncoding.Png });
        Converter.Convert(DatasetFormat.ImageFolder, Root, second, new ConversionOptions { Encoding = ImageEncoding.Png });

        var picture = PngPicture.Decode(Assert.Single(Shards.Read(first, "train")).Image());
        Assert.Equal((13, 7), (picture.Width, picture.Height));
        Assert.Equal(pixels, picture.Rgb);
        Assert.Equal(Shards.Snapshot(first), Shards.Snapshot(second));
    }

    [Fact]
    public void Jpeg_records_follow_the_quality_and_are_deterministic()
    {
        SaveBytes("a/x.jpg", Fixture("jpeg-420-q90-203x157.jpg").File);
        byte[] Encoded(string name, int quality)
        {
            string output = _temp.File(name);
            Converter.Convert(DatasetFormat.ImageFolder, Root, output, new ConversionOptions { Encoding = ImageEncoding.Jpeg, JpegQuality = quality });
            return Assert.Single(Shards.Read(output, "train")).Image();
        }

        byte[] high = Encoded("high", 95), again = Encoded("again", 95), low = Encoded("low", 30);
        Assert.Equal(new byte[] { 0xFF, 0xD8 }, high[..2]);
        Assert.Equal(high, again);
        Assert.True(low.Length < high.Length, $"quality 30 gave {low.Length} bytes, quality 95 {high.Length}");
    }

    [Theory]
    [InlineData(13, 9, 6, 4)]
    [InlineData(13, 9, 20, 15)]
    [InlineData(16, 16, 8, 8)]
    [InlineData(10, 7, 4, 11)]
    public void Resize_is_TensorFlow_antialiased_bilinear_rounded_to_uint8(int width, int height, int outputWidth, int outputHeight)
    {
        var pixels = Pixels(width, height, 9);
        Save("a/x.png", pixels, width, height);
        string output = _temp.File("out");
        Converter.Convert(DatasetFormat.ImageFolder, Root, output, new ConversionOptions { Resize = new ImageSize(outputWidth, outputHeight) });
        byte[] actual = Assert.Single(Shards.Read(output, "train")).Image();

        // tf.image.resize(method='bilinear', antialias=True) computed here in double from scale_and_translate's
        // definition: half-pixel centres, a triangle kernel of half-width max(scale, 1), weights normalized over the image.
        var expected = new double[outputHeight * outputWidth * 3];
        for (int y = 0; y < outputHeight; y++)
        {
            var wy = TriangleWeights(height, outputHeight, y);
            for (int x = 0; x < outputWidth; x++)
            {
                var wx = TriangleWeights(width, outputWidth, x);
                for (int c = 0; c < 3; c++)
                {
                    double sum = 0;
                    for (int j = 0; j < height; j++)
                    {
                        for (int i = 0; i < width; i++)
                        {
                            sum += wy[j] * wx[i] * pixels[(((j * width) + i) * 3) + c];
                        }
                    }

                    expected[(((y * outputWidth) + x) * 3) + c] = sum;
                }
            }
        }

        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            // Rounded to the nearest level; float against double may tip a value within 0.001 of a half either way.
            double value = Math.Clamp(expected[k], 0, 255);
            Assert.True(Math.Abs(actual[k] - value) <= 0.501, $"value {k}: {actual[k]}, expected {value:F4}");
        }
    }

    private static double[] TriangleWeights(int inputLength, int outputLength, int x)
    {
        double scale = (double)inputLength / outputLength, kernelScale = Math.Max(scale, 1), sample = (x + 0.5) * scale;
        var weights = new double[inputLength];
        double total = 0;
        for (int i = 0; i < inputLength; i++)
        {
            double distance = Math.Abs((i + 0.5 - sample) / kernelScale);
            weights[i] = distance < 1 ? 1 - distance : 0;
            total += weights[i];
        }

        for (int i = 0; i < inputLength; i++)
        {
            weights[i] /= total;
        }

        return weights;
    }

    // Shapes that made ImageSharp 2.1.13 (the converter's decoder before SchemaGen.Imaging) throw
    // DivideByZeroException or NullReferenceException, or allocate 1,376 MiB, out of the converter. Each must be a
    // DatasetFormatException naming the file (or, where the header already fails, a skip counted under skip-invalid),
    // with little allocated.
    public static TheoryData<string, string, bool> HostileImages => new()
    {
        // An 8-bit palette BMP that declares 0 colours (so 256) and has no room for them before its pixels.
        { "palette0.bmp", Hex(BmpFile.File(4, 4, 8, compression: 0, colorsUsed: 0, palette: [], pixels: new byte[16])), false },
        // An RLE8 BMP whose stream stops after one run: no end-of-line, no end-of-bitmap.
        { "rle.bmp", Hex(BmpFile.File(16, 16, 8, compression: 1, colorsUsed: 2, palette: [0, 0, 0, 0, 255, 255, 255, 0], pixels: [4, 1])), false },
        // A JPEG whose frame header (SOF0) declares 0 colour components.
        { "sof-components.jpg", "FFD8FFC0000B0800100010000000FFD9", true },
        // A JPEG whose frame header is shorter than its fixed part.
        { "sof-short.jpg", "FFD8FFC000040800FFDA0002FFD9", true },
        // 25 bytes of a BMP whose info header declares 60000 x 60000 pixels and stops there.
        { "short.bmp", Hex(BmpFile.File(60000, 60000, 24, compression: 0, colorsUsed: 0, palette: [], pixels: [])[..25]), true },
        // A whole info header declaring 60000 x 60000 pixels, over the limit, and no pixel data.
        { "huge.bmp", Hex(BmpFile.File(60000, 60000, 24, compression: 0, colorsUsed: 0, palette: [], pixels: [])), true },
    };

    [Theory]
    [MemberData(nameof(HostileImages))]
    public void Hostile_images_are_dataset_errors_or_counted_skips_with_little_allocated(string name, string hex, bool headerFails)
    {
        Save("cat/good.png", Pixels(4, 4, 1), 4, 4);
        string hostile = SaveBytes("dog/" + name, Convert.FromHexString(hex));
        var options = new ConversionOptions { Encoding = ImageEncoding.Png };

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<DatasetFormatException>(() => Converter.Convert(DatasetFormat.ImageFolder, Root, _temp.File("strict"), options));
        Assert.StartsWith(hostile, error.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 32 << 20, "more than 32 MB allocated");

        if (headerFails)
        {
            var result = Converter.Convert(DatasetFormat.ImageFolder, Root, _temp.File("lenient"), options with { SkipInvalid = true });
            Assert.Equal("dog/" + name, Assert.Single(result.Skipped).Path);
            Assert.Equal(1, result.Splits.Single().Records);
        }
        else
        {
            // The header reads, so the scan accepts the file; a body that does not decode is an error even with skip-invalid.
            var lenient = Assert.Throws<DatasetFormatException>(() => Converter.Convert(DatasetFormat.ImageFolder, Root, _temp.File("lenient"), options with { SkipInvalid = true }));
            Assert.StartsWith(hostile, lenient.Message);
            Assert.IsType<SchemaGen.Imaging.ImageDecodeException>(lenient.InnerException);
        }
    }

    private static string Hex(byte[] bytes) => System.Convert.ToHexString(bytes);
}
