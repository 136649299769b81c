using System.Buffers.Binary;
using System.IO.Hashing;
using SchemaGen.Conversion.Images;
using SchemaGen.Conversion.Tests.Infrastructure;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

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

    private string Save(string relative, byte[] pixels, int width, int height)
    {
        string path = Path.Combine(_temp.FullPath, "images", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var image = Image.LoadPixelData<Rgb24>(pixels, width, height);
        image.Save(path);
        return path;
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
        Save("cat/b.jpg", Pixels(4, 4, 2), 4, 4);
        string broken = Path.Combine(Root, "dog", "broken.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(broken)!);
        File.WriteAllText(broken, "not a jpeg at all");

        var error = Assert.Throws<DatasetFormatException>(() => Converter.Convert(DatasetFormat.ImageFolder, Root, _temp.File("strict")));
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
        Assert.Equal(Shards.Snapshot(_temp.File("single")), Shards.Snapshot(_temp.File("union")));
        Assert.All(Shards.Read(_temp.File("single"), "train"), r => Assert.Equal(new byte[] { 0xFF, 0xD8 }, r.Image()[..2]));
    }
}
