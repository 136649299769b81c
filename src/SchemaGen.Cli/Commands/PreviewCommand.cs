using System.CommandLine;
using System.Globalization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// <c>schemagen preview FILE... --out grid.png [--count N] [--columns C]</c>: a contact sheet of the first records'
/// images, each over a bar coloured by its label with the label number drawn in a built-in bitmap font.
/// </summary>
internal sealed class PreviewCommand : Command
{
    private const int CellMinimum = 64;
    private const int Gap = 2;

    private readonly Argument<string[]> _files = new("FILE") { Description = "TFRecord files of converted records (image + label).", Arity = ArgumentArity.OneOrMore };
    private readonly Option<string> _out = new("--out") { Description = "The PNG to write.", Required = true };
    private readonly Option<int> _count = new("--count") { Description = "How many images.", DefaultValueFactory = _ => 64 };
    private readonly Option<int> _columns = new("--columns") { Description = "Images per row.", DefaultValueFactory = _ => 8 };

    public PreviewCommand(CliConsole console)
        : base("preview", "Write a contact-sheet PNG of the first records' images with their labels.")
    {
        Add(_files);
        Add(_out);
        Add(_count);
        Add(_columns);
        Validators.Add(result =>
        {
            if (result.GetValue(_count) < 1 || result.GetValue(_columns) < 1)
            {
                result.AddError("--count and --columns must be at least 1.");
            }
        });
        SetAction(result => Execute(result.GetRequiredValue(_files), result.GetRequiredValue(_out), result.GetValue(_count), result.GetValue(_columns), console));
    }

    private static int Execute(string[] files, string output, int count, int columns, CliConsole console)
    {
        var tiles = new List<(Image<Rgb24> Image, long Label)>();
        try
        {
            foreach (string file in files)
            {
                var images = RecordImages.For(file);
                try
                {
                    foreach (var tile in images.Read(file))
                    {
                        if (tiles.Count == count)
                        {
                            tile.Image.Dispose();
                            break;
                        }

                        tiles.Add(tile);
                    }
                }
                catch (Exception exception) when (FileErrors.IsFileError(exception))
                {
                    throw FileErrors.ToCliException(file, exception);
                }
            }

            if (tiles.Count == 0)
            {
                throw new CliException("schemagen preview: the files hold no records");
            }

            int largest = tiles.Max(t => Math.Max(t.Image.Width, t.Image.Height));
            int scale = Math.Max(1, CellMinimum / largest);
            int cell = largest * scale;
            int textScale = Math.Max(1, cell / 48);
            int bar = DigitFont.Height * textScale + 4;
            columns = Math.Min(columns, tiles.Count);
            int rows = (tiles.Count + columns - 1) / columns;
            using var sheet = new Image<Rgb24>(columns * (cell + Gap) + Gap, rows * (cell + bar + Gap) + Gap, new Rgb24(32, 32, 32));
            for (int i = 0; i < tiles.Count; i++)
            {
                var (image, label) = tiles[i];
                int x = Gap + i % columns * (cell + Gap);
                int y = Gap + i / columns * (cell + bar + Gap);
                image.Mutate(m => m.Resize(image.Width * scale, image.Height * scale, KnownResamplers.NearestNeighbor));
                sheet.Mutate(m => m.DrawImage(image, new Point(x, y), 1f));
                var colour = LabelColour(label);
                for (int by = y + cell; by < y + cell + bar; by++)
                {
                    for (int bx = x; bx < x + cell; bx++)
                    {
                        sheet[bx, by] = colour;
                    }
                }

                DigitFont.Draw(sheet, label.ToString(CultureInfo.InvariantCulture), x + 2, y + cell + 2, textScale, new Rgb24(255, 255, 255));
            }

            sheet.SaveAsPng(output);
        }
        finally
        {
            foreach (var tile in tiles)
            {
                tile.Image.Dispose();
            }
        }

        console.Out.WriteLine($"wrote {output} ({tiles.Count} images)");
        return 0;
    }

    // A dark, saturated colour per label (golden-angle hues), so white digits stay readable.
    private static Rgb24 LabelColour(long label)
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
        return new Rgb24((byte)((r + m) * 255), (byte)((g + m) * 255), (byte)((b + m) * 255));
    }
}
