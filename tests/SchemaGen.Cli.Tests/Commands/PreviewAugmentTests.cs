
namespace SchemaGen.Cli.Tests.Commands;

/// <summary><c>preview --augment</c>: each image beside augmented versions of it.</summary>
public sealed class PreviewAugmentTests : IDisposable
{
    private const int Size = 8;
    private const int Cell = 64; // 8x8 images drawn 8 times larger
    private const int Gap = 2;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "schemagen-cli-augment", Guid.NewGuid().ToString("N"));
    private readonly List<RgbPixel[]> _sources = [];
    private readonly string _data;

    public PreviewAugmentTests()
    {
        for (int i = 0; i < 4; i++)
        {
            var pixels = new byte[Size * Size * 3];
            new Random(i).NextBytes(pixels);
            string path = Path.Combine(_root, "images", "class", $"{i}.png");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            PngPicture.Save(path, pixels, Size, Size);
            _sources.Add(Pixels(PngPicture.Load(path), 0, 0, 1));
        }

        _data = Path.Combine(_root, "data");
        Assert.Equal(0, Schemagen.Run("convert", "imagefolder", Path.Combine(_root, "images"), _data, "--encoding", "png").ExitCode);
    }

    private string Records => Path.Combine(_data, "train.tfrecord-00000-of-00001");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void Each_row_is_an_original_and_its_versions()
    {
        string sheetPath = Path.Combine(_root, "aug.png");
        var run = Schemagen.Run("preview", Records, "--augment", "crop:4,flip,brightness:0.2,contrast:0.8-1.2", "--count", "3", "--versions", "2", "--out", sheetPath);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("(9 images)", run.Out, StringComparison.Ordinal);

        var sheet = PngPicture.Load(sheetPath);
        Assert.Equal((3 * (Cell + Gap)) + Gap, sheet.Width);
        int rowHeight = (sheet.Height - Gap) / 3;
        Assert.Equal((3 * rowHeight) + Gap, sheet.Height);
        Assert.True(rowHeight > Cell);

        for (int row = 0; row < 3; row++)
        {
            var original = Pixels(sheet, Gap, Gap + (row * rowHeight), Cell / Size);
            Assert.Contains(_sources, source => source.SequenceEqual(original));
            var version = Pixels(sheet, Gap + Cell + Gap, Gap + (row * rowHeight), Cell / Size);
            Assert.False(version.SequenceEqual(original));
        }
    }

    [Fact]
    public void A_flip_version_is_the_original_or_its_mirror_and_some_are_mirrors()
    {
        string sheetPath = Path.Combine(_root, "flip.png");
        Assert.Equal(0, Schemagen.Run("preview", Records, "--augment", "flip", "--count", "4", "--versions", "4", "--out", sheetPath).ExitCode);
        var sheet = PngPicture.Load(sheetPath);
        int rowHeight = (sheet.Height - Gap) / 4, mirrors = 0;
        for (int row = 0; row < 4; row++)
        {
            var original = Pixels(sheet, Gap, Gap + (row * rowHeight), Cell / Size);
            var mirrored = new RgbPixel[original.Length];
            for (int y = 0; y < Size; y++)
            {
                for (int x = 0; x < Size; x++)
                {
                    mirrored[(y * Size) + x] = original[(y * Size) + Size - 1 - x];
                }
            }

            for (int version = 1; version <= 4; version++)
            {
                var tile = Pixels(sheet, Gap + (version * (Cell + Gap)), Gap + (row * rowHeight), Cell / Size);
                Assert.True(tile.SequenceEqual(original) || tile.SequenceEqual(mirrored));
                mirrors += tile.SequenceEqual(mirrored) ? 1 : 0;
            }
        }

        Assert.InRange(mirrors, 1, 15);
    }

    [Fact]
    public void The_same_seed_draws_the_same_sheet_and_another_seed_another()
    {
        string[] Args(string output, string seed) => ["preview", Records, "--augment", "crop:4,flipud,hue:0.2,saturation:0.5-1.5", "--count", "2", "--seed", seed, "--out", output];
        string first = Path.Combine(_root, "first.png"), again = Path.Combine(_root, "again.png"), other = Path.Combine(_root, "other.png");
        Assert.Equal(0, Schemagen.Run(Args(first, "7")).ExitCode);
        Assert.Equal(0, Schemagen.Run(Args(again, "7")).ExitCode);
        Assert.Equal(0, Schemagen.Run(Args(other, "8")).ExitCode);

        var a = PngPicture.Load(first);
        var b = PngPicture.Load(again);
        var c = PngPicture.Load(other);
        Assert.True(Pixels(a, 0, 0, 1, a.Width, a.Height).SequenceEqual(Pixels(b, 0, 0, 1, b.Width, b.Height)));

        // Another seed: the originals are the same, the versions are not.
        Assert.True(Pixels(a, Gap, Gap, Cell / Size).SequenceEqual(Pixels(c, Gap, Gap, Cell / Size)));
        Assert.False(Pixels(a, 0, 0, 1, a.Width, a.Height).SequenceEqual(Pixels(c, 0, 0, 1, c.Width, c.Height)));
    }

    [Fact]
    public void Options_left_out_take_their_defaults_and_a_zero_is_refused()
    {
        // Four versions by default: one row of five tiles per image (4 images).
        string sheetPath = Path.Combine(_root, "defaults.png");
        Assert.Equal(0, Schemagen.Run("preview", Records, "--augment", "flip", "--out", sheetPath).ExitCode);
        Assert.Equal((5 * (Cell + Gap)) + Gap, PngPicture.Load(sheetPath).Width);

        var zero = Schemagen.Run("preview", Records, "--augment", "flip", "--versions", "0", "--out", sheetPath);
        Assert.Equal(1, zero.ExitCode);
        Assert.Contains("--versions must be at least 1", zero.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_given_with_augment_set_the_row_length()
    {
        // 4 images and 2 versions each: 12 tiles, 8 to a row, so image 3's original is tile 9, the second of row 2.
        string sheetPath = Path.Combine(_root, "columns.png");
        var run = Schemagen.Run("preview", Records, "--augment", "flip", "--versions", "2", "--columns", "8", "--out", sheetPath);
        Assert.Equal(0, run.ExitCode);

        var sheet = PngPicture.Load(sheetPath);
        Assert.Equal((8 * (Cell + Gap)) + Gap, sheet.Width);
        int rowHeight = (sheet.Height - Gap) / 2;
        Assert.Equal((2 * rowHeight) + Gap, sheet.Height);
        var originals = new[] { (0, 0), (3, 0), (6, 0), (1, 1) }
            .Select(t => Pixels(sheet, Gap + (t.Item1 * (Cell + Gap)), Gap + (t.Item2 * rowHeight), Cell / Size))
            .ToList();
        Assert.All(originals, tile => Assert.Contains(_sources, source => source.SequenceEqual(tile)));
        Assert.Equal(4, originals.Select(tile => _sources.FindIndex(source => source.SequenceEqual(tile))).Distinct().Count());
    }

    [Theory]
    [InlineData("crop:4,blur", "unknown op 'blur'")]
    [InlineData("contrast:1.2", "'contrast:1.2'")]
    [InlineData("brightness:-1", "'brightness:-1'")]
    public void A_bad_op_or_argument_is_named(string ops, string expected)
    {
        var run = Schemagen.Run("preview", Records, "--augment", ops, "--out", Path.Combine(_root, "bad.png"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--augment", run.Error, StringComparison.Ordinal);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_root, "bad.png")));
    }

    // The pixels of a tile drawn `scale` times larger, sampled once per source pixel.
    private static RgbPixel[] Pixels(PngPicture image, int left, int top, int scale, int width = Size, int height = Size)
    {
        var pixels = new RgbPixel[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = image[left + (x * scale), top + (y * scale)];
            }
        }

        return pixels;
    }
}
