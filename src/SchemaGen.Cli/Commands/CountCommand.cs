using System.CommandLine;

namespace SchemaGen.Cli.Commands;

/// <summary><c>schemagen count FILE...</c>: records per file (<c>N\tFILE</c>), then <c>N\ttotal</c>.</summary>
internal sealed class CountCommand : Command
{
    private readonly Argument<string[]> _files = new("FILE")
    {
        HelpName = "FILE...",
        Description = "TFRecord files (uncompressed, GZIP or ZLIB: detected from the bytes).",
        Arity = ArgumentArity.OneOrMore,
    };

    public CountCommand(CliConsole console)
        : base("count", "Print the number of records in each file, then the total.")
    {
        Add(_files);
        SetAction(result => Execute(IndexSidecars.Skip(result.GetRequiredValue(_files), console.Error), console.Out));
    }

    private static int Execute(string[] files, TextWriter output)
    {
        long total = 0;
        foreach (var file in files)
        {
            var count = CountRecords(file);
            output.WriteLine($"{count}\t{file}");
            total += count;
        }

        output.WriteLine($"{total}\ttotal");
        return 0;
    }

    private static long CountRecords(string file)
    {
        try
        {
            using var reader = new TfRecordReader(file);
            while (reader.TryReadNext(out _))
            {
            }

            return reader.RecordsRead;
        }
        catch (Exception exception) when (FileErrors.IsFileError(exception))
        {
            throw FileErrors.ToCliException(file, exception);
        }
    }
}
