using System.CommandLine;
using System.Globalization;
using SchemaGen.Augmentation;
using SchemaGen.Cli.Images;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// <c>schemagen preview FILE... --out grid.png [--count N] [--columns C] [--augment OPS [--versions K] [--seed S]]</c>:
/// a contact sheet of the first records' images, each over a bar coloured by its label with the label drawn in a
/// built-in bitmap font: its class name from the dataset_info.json beside the file (as <c>convert</c> writes it), else
/// its number. With <c>--augment</c> each image is followed by K augmented versions, one image and its versions to a
/// row unless <c>--columns</c> says otherwise. Any layout of <see cref="ImageLayouts"/>: the label is the record's
/// class (or its first object's), named by dataset_info.json or by the record's own class text, and an Object Detection
/// record's boxes are outlined in yellow on the original image.
/// </summary>
internal sealed class PreviewCommand : Command
{
    private const int CellMinimum = 64;
    private const int Gap = 2;

    private readonly Argument<string[]> _files = new("FILE")
    {
        Description = "TFRecord files of image records: ImageNet/TF-slim or Object Detection layout (image/encoded), TFDS or converted (image, label).",
        HelpName = "FILE...",
        Arity = ArgumentArity.OneOrMore,
    };
    private readonly Option<string> _out = new("--out") { Description = "The PNG to write.", Required = true };
    private readonly Option<int> _count = new("--count") { Description = "How many images.", DefaultValueFactory = _ => 64 };
    private readonly Option<int> _columns = new("--columns")
    {
        Description = "Images per row (with --augment and no --columns: an image and its versions, 1 + --versions).",
        DefaultValueFactory = _ => 8,
    };
    private readonly Option<string?> _augment = new("--augment")
    {
        Description = "Draw each image beside augmented versions: ops separated by commas, e.g. crop:4,flip,flipud,brightness:0.2,contrast:0.8-1.2,saturation:0.5-1.5,hue:0.1,standardize.",
    };

    private readonly Option<int> _versions = new("--versions") { Description = "Augmented versions per image (with --augment).", DefaultValueFactory = _ => 4 };
    private readonly Option<long> _seed = new("--seed") { Description = "The augmentation's seed.", DefaultValueFactory = _ => 0 };

    public PreviewCommand(CliConsole console)
        : base("preview", "Write a contact-sheet PNG of the first records' images with their labels.")
    {
        Add(_files);
        Add(_out);
        Add(_count);
        Add(_columns);
        Add(_augment);
        Add(_versions);
        Add(_seed);
        // Per option: a command validator sees 0, not the default, for an option left out (so `preview` without
        // --count always failed).
        foreach (var option in new[] { _count, _columns, _versions })
        {
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < 1)
                {
                    result.AddError($"{option.Name} must be at least 1.");
                }
            });
        }

        SetAction(result =>
        {
            string? ops = result.GetValue(_augment);
            ImageAugmentation? augmentation = null;
            if (ops is not null)
            {
                try
                {
                    augmentation = ImageAugmentation.Parse(ops, result.GetValue(_seed));
                }
                catch (FormatException exception)
                {
                    throw new CliException($"schemagen preview --augment: {exception.Message}", exception);
                }
            }

            // --columns given wins; left out, an augmented sheet puts one image and its versions on each row.
            int versions = result.GetValue(_versions);
            bool columnsGiven = result.GetResult(_columns) is { Implicit: false };
            int columns = augmentation is null || columnsGiven ? result.GetValue(_columns) : versions + 1;
            return Execute(IndexSidecars.Skip(result.GetRequiredValue(_files), console.Error), result.GetRequiredValue(_out), result.GetValue(_count), columns, augmentation, versions, console);
        });
    }

    private static int Execute(string[] files, string output, int count, int columns, ImageAugmentation? augmentation, int versions, CliConsole console)
    {
        var tiles = new List<Tile>();
        foreach (string file in files)
        {
            var images = RecordImages.For(file);
            try
            {
                // Take stops before the next record is read: a bad record after the last shown one is never decoded.
                foreach (var image in images.Read(file).Take(count - tiles.Count))
                {
                    tiles.Add(new Tile(image.Picture, image.Label, LabelText(image, images.ClassNames), image.Boxes));
                }
            }
            catch (Exception exception) when (FileErrors.IsFileError(exception))
            {
                throw FileErrors.ToCliException(file, exception);
            }

            if (tiles.Count == count)
            {
                break;
            }
        }

        if (tiles.Count == 0)
        {
            throw new CliException("schemagen preview: the files hold no records");
        }

        if (augmentation is not null)
        {
            tiles = WithAugmentedVersions(tiles, augmentation, versions);
        }

        int largest = tiles.Max(t => Math.Max(t.Image.Width, t.Image.Height));
        int scale = Math.Max(1, CellMinimum / largest);
        int cell = largest * scale;
        int textScale = Math.Max(1, cell / 48);
        int bar = BitmapFont.Height * textScale + 4;
        columns = Math.Min(columns, tiles.Count);
        int rows = (tiles.Count + columns - 1) / columns;
        var sheet = new Picture(columns * (cell + Gap) + Gap, rows * (cell + bar + Gap) + Gap, new Rgb(32, 32, 32));
        for (int i = 0; i < tiles.Count; i++)
        {
            var (image, label, text, boxes) = tiles[i];
            int x = Gap + i % columns * (cell + Gap);
            int y = Gap + i / columns * (cell + bar + Gap);
            image.DrawInto(sheet, x, y, scale);
            foreach (var box in boxes)
            {
                Outline(sheet, x, y, image.Width * scale, image.Height * scale, box);
            }

            sheet.Fill(x, y + cell, cell, bar, LabelColour(label));
            BitmapFont.Draw(sheet, text, x + 2, y + cell + 2, textScale, new Rgb(255, 255, 255), maxWidth: cell - 2);
        }

        using (var stream = File.Create(output))
        {
            PictureCodec.Encode(sheet, PictureFormat.Png, stream);
        }

        console.Out.WriteLine($"wrote {output} ({tiles.Count} images)");
        return 0;
    }

    // A box's outline on an image drawn at (x, y) as width x height pixels: its edges at the pixels that hold the
    // box's relative coordinates (the far edges one pixel in), clipped to the image.
    private static void Outline(Picture sheet, int x, int y, int width, int height, BoundingBox box)
    {
        static int Edge(float relative, int size) => Math.Clamp((int)Math.Floor(relative * size), 0, size - 1);
        int left = x + Edge(box.XMin, width), right = x + Edge(box.XMax, width);
        int top = y + Edge(box.YMin, height), bottom = y + Edge(box.YMax, height);
        var yellow = new Rgb(255, 255, 0);
        sheet.Fill(left, top, right - left + 1, 1, yellow);
        sheet.Fill(left, bottom, right - left + 1, 1, yellow);
        sheet.Fill(left, top, 1, bottom - top + 1, yellow);
        sheet.Fill(right, top, 1, bottom - top + 1, yellow);
    }

    // The class name when dataset_info.json names the label's class, else the record's own class text, else the
    // label's number.
    private static string LabelText(RecordImage image, string[]? classNames) =>
        classNames is not null && image.Label >= 0 && image.Label < classNames.Length && classNames[image.Label].Length > 0
            ? classNames[image.Label]
            : image.LabelText ?? image.Label.ToString(CultureInfo.InvariantCulture);

    // Image i, then its versions: version v is what epoch v of a dataset would give image i (index i in the epoch).
    private static List<Tile> WithAugmentedVersions(List<Tile> originals, ImageAugmentation augmentation, int versions)
    {
        var tiles = new List<Tile>(originals.Count * (versions + 1));
        var parameters = new AugmentationParameters[1];
        for (int i = 0; i < originals.Count; i++)
        {
            var original = originals[i];
            var image = original.Image;
            tiles.Add(original);
            var shape = new ImageShape(image.Height, image.Width, 3);
            var pixels = image.Rgb;
            ImageShape outputShape;
            try
            {
                outputShape = augmentation.OutputShape(shape);
            }
            catch (ArgumentException exception)
            {
                throw new CliException($"schemagen preview --augment: {exception.Message}", exception);
            }

            var values = new float[outputShape.Length];
            var bytes = new byte[outputShape.Length];
            for (int version = 0; version < versions; version++)
            {
                augmentation.DrawParameters(shape, version, i, parameters);
                augmentation.Apply(pixels, shape, parameters, values);
                ToBytes(values, bytes);
                tiles.Add(original with { Image = new Picture(outputShape.Width, outputShape.Height, bytes.ToArray()), Boxes = [] });
            }
        }

        return tiles;
    }

    // Values on the [0, 1] scale become bytes; a tile with values outside it (standardized) is stretched to its range.
    private static void ToBytes(ReadOnlySpan<float> values, Span<byte> bytes)
    {
        float low = 0, high = 1;
        foreach (float v in values)
        {
            (low, high) = (Math.Min(low, v), Math.Max(high, v));
        }

        float scale = 255 / (high - low);
        for (int i = 0; i < values.Length; i++)
        {
            bytes[i] = (byte)Math.Clamp(MathF.Round((values[i] - low) * scale), 0, 255);
        }
    }

    // A dark, saturated colour per label (golden-angle hues), so white digits stay readable.
    private static Rgb LabelColour(long label)
    {
        double hue = label < 0 ? 0 : (label * 137.508) % 360;
        double s = label < 0 ? 0 : 0.7, v = 0.55;
        double c = v * s, hp = hue / 60, xx = c * (1 - Math.Abs(hp % 2 - 1)), m = v - c;
        var (r, g, b) = hp switch
        {
            < 1 => (c, xx, 0.0),
            < 2 => (xx, c, 0.0),
            < 3 => (0.0, c, xx),
            < 4 => (0.0, xx, c),
            < 5 => (xx, 0.0, c),
            _ => (c, 0.0, xx),
        };
        return new Rgb((byte)((r + m) * 255), (byte)((g + m) * 255), (byte)((b + m) * 255));
    }

    /// <summary>One cell of the sheet: the picture, the label that colours its bar, the text drawn there and the boxes outlined on it.</summary>
    private readonly record struct Tile(Picture Image, long Label, string Text, BoundingBox[] Boxes);
}
