using System.CommandLine;
using System.Globalization;
using SchemaGen.Cli.Images;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// <c>schemagen export-images FILE... OUTDIR [--format png|jpeg]</c>: the records' images as files,
/// <c>OUTDIR/&lt;class&gt;/&lt;n&gt;.png</c>, n counting records across the files; the class is the name
/// dataset_info.json gives the label, else the label's number (<c>-1</c> for a record without one). Any layout of
/// <see cref="ImageLayouts"/>; encoded images are decoded and written again in the chosen format.
/// </summary>
internal sealed class ExportImagesCommand : Command
{
    private readonly Argument<string[]> _files = new("FILE")
    {
        Description = "TFRecord files of image records: ImageNet/TF-slim or Object Detection layout (image/encoded), TFDS or converted (image, label).",
        HelpName = "FILE...",
        Arity = ArgumentArity.OneOrMore,
        // The files take every token but the last, which is OUTDIR's.
        CustomParser = result =>
        {
            if (result.Tokens.Count < 2)
            {
                result.AddError("export-images takes one or more FILEs, then OUTDIR.");
                return [];
            }

            string[] files = result.Tokens.Take(result.Tokens.Count - 1).Select(token => token.Value).ToArray();
            result.OnlyTake(files.Length);
            return files;
        },
    };

    private readonly Argument<string> _output = new("OUTDIR") { Description = "The folder to write the images to." };

    private readonly Option<string> _format = new("--format") { Description = "Image file format.", DefaultValueFactory = _ => "png" };

    public ExportImagesCommand(CliConsole console)
        : base("export-images", "Write the images of converted records as files, one folder per class (names from dataset_info.json when present).")
    {
        _format.AcceptOnlyFromAmong("png", "jpeg");
        Add(_files);
        Add(_output);
        Add(_format);
        SetAction(result => Execute(
            IndexSidecars.Skip(result.GetRequiredValue(_files), console.Error),
            result.GetRequiredValue(_output),
            result.GetValue(_format) == "jpeg" ? PictureFormat.Jpeg : PictureFormat.Png,
            console));
    }

    private static int Execute(string[] files, string output, PictureFormat format, CliConsole console)
    {
        string extension = format == PictureFormat.Png ? ".png" : ".jpg";
        long n = 0;
        foreach (string file in files)
        {
            var images = RecordImages.For(file);
            try
            {
                foreach (var image in images.Read(file))
                {
                    long label = image.Label;
                    string className = images.ClassNames is { } names && label >= 0 && label < names.Length
                        ? names[label]
                        : label.ToString(CultureInfo.InvariantCulture);
                    string directory = SafeFileName.Under(output, className);
                    Directory.CreateDirectory(directory);
                    using var stream = File.Create(Path.Combine(directory, n.ToString(CultureInfo.InvariantCulture) + extension));
                    PictureCodec.Encode(image.Picture, format, stream);
                    n++;
                }
            }
            catch (Exception exception) when (FileErrors.IsFileError(exception))
            {
                throw FileErrors.ToCliException(file, exception);
            }
        }

        console.Out.WriteLine($"wrote {n} images to {output}");
        return 0;
    }
}
