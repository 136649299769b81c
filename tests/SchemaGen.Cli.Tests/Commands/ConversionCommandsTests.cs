
namespace SchemaGen.Cli.Tests.Commands;

/// <summary>convert, export-images and preview end to end on a small image folder.</summary>
public sealed class ConversionCommandsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "schemagen-cli-conversion", Guid.NewGuid().ToString("N"));

    public ConversionCommandsTests()
    {
        for (int i = 0; i < 6; i++)
        {
            var pixels = new byte[8 * 8 * 3];
            new Random(i).NextBytes(pixels);
            string path = Path.Combine(_root, "images", i % 2 == 0 ? "cat" : "dog", $"{i}.png");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            PngPicture.Save(path, pixels, 8, 8);
        }
    }

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
    public void Convert_then_export_images_gives_back_the_same_pixels_under_class_folders()
    {
        string data = Path.Combine(_root, "data");
        var convert = Schemagen.Run("convert", Path.Combine(_root, "images"), data, "--shards", "2", "--index");
        Assert.Equal(0, convert.ExitCode);
        Assert.Contains("train: 6 of 6 records, 2 shards", convert.Out);
        Assert.True(File.Exists(Path.Combine(data, "train.tfrecord-00001-of-00002.idx")));

        string exported = Path.Combine(_root, "exported");
        var export = Schemagen.Run("export-images", Path.Combine(data, "train.tfrecord-00000-of-00002"), Path.Combine(data, "train.tfrecord-00001-of-00002"), exported);
        Assert.Equal(0, export.ExitCode);
        Assert.Equal(["0.png", "1.png", "2.png"], Directory.GetFiles(Path.Combine(exported, "cat")).Select(Path.GetFileName).Order());
        var original = PngPicture.Load(Path.Combine(_root, "images", "dog", "1.png"));
        var roundTrip = PngPicture.Load(Path.Combine(exported, "dog", "3.png"));
        for (int y = 0; y < 8; y++)
        {
            for (int x = 0; x < 8; x++)
            {
                Assert.Equal(original[x, y], roundTrip[x, y]);
            }
        }
    }

    [Fact]
    public void Preview_writes_a_contact_sheet_png()
    {
        string data = Path.Combine(_root, "data");
        Assert.Equal(0, Schemagen.Run("convert", "imagefolder", Path.Combine(_root, "images"), data, "--encoding", "png").ExitCode);
        string grid = Path.Combine(_root, "grid.png");
        var preview = Schemagen.Run("preview", Path.Combine(data, "train.tfrecord-00000-of-00001"), "--out", grid, "--count", "5", "--columns", "3");
        Assert.Equal(0, preview.ExitCode);
        var sheet = PngPicture.Load(grid);
        // 3 columns of 64-pixel cells (8x8 scaled by 8) and 2 rows with their label bars.
        Assert.Equal(3 * (64 + 2) + 2, sheet.Width);
        Assert.True(sheet.Height > 2 * 64);
    }

    [Fact]
    public void A_conversion_error_is_one_line_naming_the_file()
    {
        string broken = Path.Combine(_root, "images", "dog", "broken.png");
        File.WriteAllText(broken, "nope");
        var result = Schemagen.Run("convert", Path.Combine(_root, "images"), Path.Combine(_root, "data"));
        Assert.Equal(1, result.ExitCode);
        // Progress lines go to stderr first; the error is the one line after them.
        string[] lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith(broken + ": not ", lines[^1]);
        Assert.Equal("reading sources", Assert.Single(lines[..^1]));
    }
}
