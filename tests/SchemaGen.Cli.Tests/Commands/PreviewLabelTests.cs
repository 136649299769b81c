
namespace SchemaGen.Cli.Tests.Commands;

/// <summary>
/// <c>preview</c> labels: the class names from the dataset_info.json beside the shards when there is one, else the
/// label numbers. Read back by counting the characters drawn under each tile: the font is 5 pixels wide with a
/// blank column after each character, drawn from 2 pixels into the cell, in white.
/// </summary>
public sealed class PreviewLabelTests : IDisposable
{
    private const int Cell = 64; // 8x8 images drawn 8 times larger
    private const int Gap = 2;
    private const int Advance = 6;
    private static readonly RgbPixel White = new(255, 255, 255);

    // A colour per class, so each tile's class can be told from its pixels.
    private static readonly Dictionary<string, RgbPixel> Classes = new()
    {
        ["airplane"] = new RgbPixel(200, 0, 0),
        ["cat"] = new RgbPixel(0, 200, 0),
        ["automobile_truck"] = new RgbPixel(0, 0, 200),
    };

    private readonly TempDirectory _temp = new();
    private readonly string _data;

    public PreviewLabelTests()
    {
        string images = _temp.File("images");
        foreach (var (name, colour) in Classes)
        {
            string path = Path.Combine(images, name, "0.png");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            PngPicture.Save(path, PngPicture.Filled(8, 8, colour), 8, 8);
        }

        _data = _temp.File("data");
        Assert.Equal(0, Schemagen.Run("convert", "imagefolder", images, _data, "--encoding", "png").ExitCode);
    }

    private string Records => Path.Combine(_data, "train.tfrecord-00000-of-00001");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Labels_are_the_class_names_of_dataset_info_json_cut_to_whole_characters_that_fit()
    {
        var labels = PreviewLabels();

        // 62 pixels from x = 2 hold characters k = 0..9 (2 + 6k + 5 <= 64): "automobile_truck" shows 10 of 16.
        Assert.Equal(new Dictionary<string, int> { ["airplane"] = 8, ["cat"] = 3, ["automobile_truck"] = 10 }, labels);
    }

    [Fact]
    public void Without_dataset_info_json_labels_are_numbers()
    {
        File.Delete(Path.Combine(_data, "dataset_info.json"));

        var labels = PreviewLabels();

        Assert.All(labels.Values, characters => Assert.Equal(1, characters)); // labels 0, 1 and 2
    }

    // Per class: how many character cells under its tile hold white pixels.
    private Dictionary<string, int> PreviewLabels()
    {
        string sheetPath = _temp.File("labels.png");
        var run = Schemagen.Run("preview", Records, "--columns", "3", "--out", sheetPath);
        Assert.Equal((0, ""), (run.ExitCode, run.Error));

        var sheet = PngPicture.Load(sheetPath);
        Assert.Equal((3 * (Cell + Gap)) + Gap, sheet.Width);
        var labels = new Dictionary<string, int>();
        for (int tile = 0; tile < 3; tile++)
        {
            int left = Gap + (tile * (Cell + Gap));
            string name = Classes.Single(c => c.Value == sheet[left + (Cell / 2), Gap + (Cell / 2)]).Key;
            var inked = new HashSet<int>();
            for (int y = Gap + Cell; y < sheet.Height - Gap; y++)
            {
                for (int x = left; x < left + Cell; x++)
                {
                    if (sheet[x, y] == White)
                    {
                        inked.Add((x - left - 2) / Advance);
                    }
                }
            }

            labels[name] = inked.Count;
        }

        return labels;
    }
}
