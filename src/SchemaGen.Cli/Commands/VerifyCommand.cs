using System.CommandLine;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// <c>schemagen verify FILE...</c>: reads every record and checks both CRCs. All sound: one summary line, exit 0.
/// Otherwise one line per damaged file (<c>FILE: corrupted record at OFFSET</c>), exit 1.
/// </summary>
internal sealed class VerifyCommand : Command
{
    private readonly Argument<string[]> _files = new("FILE")
    {
        HelpName = "FILE...",
        Description = "TFRecord files (uncompressed, GZIP or ZLIB: detected from the bytes).",
        Arity = ArgumentArity.OneOrMore,
    };

    public VerifyCommand(CliConsole console)
        : base("verify", "Check the length and data CRC of every record; report the first damage in each file.")
    {
        Add(_files);
        SetAction(result => Execute(IndexSidecars.Skip(result.GetRequiredValue(_files), console.Error), console.Out));
    }

    private static int Execute(string[] files, TextWriter output)
    {
        long records = 0;
        var damaged = 0;
        foreach (var file in files)
        {
            try
            {
                using var reader = new TfRecordReader(file);
                while (reader.TryReadNext(out _))
                {
                }

                records += reader.RecordsRead;
            }
            catch (Exception exception) when (FileErrors.IsFileError(exception))
            {
                // Damage is this command's finding, not its failure: report it and go on to the next file.
                output.WriteLine(FileErrors.Describe(file, exception));
                damaged++;
            }
        }

        if (damaged > 0)
        {
            return 1;
        }

        output.WriteLine($"OK: {files.Length} {(files.Length == 1 ? "file" : "files")}, {records} {(records == 1 ? "record" : "records")}");
        return 0;
    }
}
