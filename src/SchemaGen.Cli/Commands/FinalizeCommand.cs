using System.CommandLine;
using SchemaGen.Conversion;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// <c>schemagen finalize OUTDIR [--shard-count N]</c>: after the jobs of <c>convert --shard-index/--shard-count</c>
/// have all finished, checks their manifests and shards and writes dataset_info.json once.
/// </summary>
internal sealed class FinalizeCommand : Command
{
    private readonly Argument<string> _output = new("OUTDIR") { Description = "The output folder the jobs converted into." };

    private readonly Option<int?> _shardCount = new("--shard-count")
    {
        Description = "The jobs' count (default: from their manifests, when they are one run's).",
    };

    public FinalizeCommand(CliConsole console)
        : base("finalize", "Write dataset_info.json once every job of a sharded conversion (convert --shard-index/--shard-count) has finished.")
    {
        Add(_output);
        Add(_shardCount);
        SetAction(result => Execute(result.GetRequiredValue(_output), result.GetValue(_shardCount), console));
    }

    private static int Execute(string output, int? jobCount, CliConsole console)
    {
        if (jobCount is < 2)
        {
            throw new CliException($"schemagen finalize: --shard-count {jobCount}: a single job writes dataset_info.json itself");
        }

        string path = Converter.Finalize(output, jobCount);
        console.Out.WriteLine($"wrote {path}");
        return 0;
    }
}
