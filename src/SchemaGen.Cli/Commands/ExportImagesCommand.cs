using System.CommandLine;
using System.Globalization;
using SchemaGen.Conversion;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// <c>schemagen export-images FILE... OUTDIR [--format png|jpeg]</c>: the records' images as files,
/// <c>OUTDIR/&lt;class name&gt;/&lt;n&gt;.png</c>, n counting records across the files.
/// </summary>
internal sealed class ExportImagesCommand : Command
{
    private readonly Argument<string[]> _arguments = new("FILE... OUTDIR")
    {
        Description = "TFRecord files of converted records (image + label), then the output folder.",
        Arity = new ArgumentArity(2, 100_000),
    };

    private readonly Option<string> _format = new("--format") { Description = "Image file format.", DefaultValueFactory = _ => "png" };

    public ExportImagesCommand(CliConsole console)
        : base("export-images", "Write the images of converted records as files, one folder per class (names from dataset_info.json when present).")
    {
        _format.AcceptOnlyFromAmong("png", "jpeg");
        Add(_arguments);
        Add(_format);
        SetAction(result => Execute(result.GetRequiredValue(_arguments), result.GetValue(_format) == "jpeg" ? ImageEncoding.Jpeg : ImageEncoding.Png, console));
    }

    private static int Execute(string[] arguments, ImageEncoding format, CliConsole console)
    {
        string output = arguments[^1];
        string[] files = IndexSidecars.Skip(arguments[..^1], console.Error);
        string extension = format == ImageEncoding.Png ? ".png" : ".jpg";
        var codec = new ImageCodec();
        long n = 0;
        foreach (string file in files)
        {
            var images = RecordImages.For(file);
            try
            {
                foreach (var (image, label) in images.Read(file))
                {
                    using (image)
                    {
                        string className = images.ClassNames is { } names && label >= 0 && label < names.Length
                            ? names[label]
                            : label.ToString(CultureInfo.InvariantCulture);
                        string directory = Path.Combine(output, className);
                        Directory.CreateDirectory(directory);
                        using var stream = File.Create(Path.Combine(directory, n.ToString(CultureInfo.InvariantCulture) + extension));
                        codec.Encode(image, format, stream);
                        n++;
                    }
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
