using System.CommandLine;
using SchemaGen.Records;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// <c>schemagen index FILE...</c>: writes <c>FILE.idx</c> beside each file, one <c>&lt;offset&gt; &lt;framed size&gt;</c>
/// line per record (the sidecar DALI and the Python <c>tfrecord</c> package read).
/// </summary>
internal sealed class IndexCommand : Command
{
    private readonly Argument<string[]> _files = new("FILE")
    {
        HelpName = "FILE...",
        Description = "Uncompressed TFRecord files (a compressed file has no byte offsets to index).",
        Arity = ArgumentArity.OneOrMore,
    };

    public IndexCommand(CliConsole console)
        : base("index", "Write FILE.idx (<offset> <framed size> per record) beside each file.")
    {
        Add(_files);
        SetAction(result => Execute(IndexSidecars.Skip(result.GetRequiredValue(_files), console.Error), console.Out));
    }

    private static int Execute(string[] files, TextWriter output)
    {
        foreach (var file in files)
        {
            var records = WriteIndex(file);
            output.WriteLine($"{records}\t{file}.idx");
        }

        return 0;
    }

    private static long WriteIndex(string file)
    {
        try
        {
            using (var reader = new TfRecordReader(file))
            {
                if (reader.Compression != TfRecordCompression.None)
                {
                    throw new CliException(
                        $"{file}: {reader.Compression.ToString().ToUpperInvariant()}-compressed; a compressed file has no byte offsets to index");
                }
            }

            // Build reads the whole file first, so damage leaves no index behind.
            var entries = TfRecordIndex.Build(file);
            TfRecordIndex.Write(TfRecordIndex.PathFor(file), entries);
            return entries.Count;
        }
        catch (Exception exception) when (FileErrors.IsFileError(exception))
        {
            throw FileErrors.ToCliException(file, exception);
        }
    }
}
