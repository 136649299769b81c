using System.CommandLine;
using System.Globalization;
using SchemaGen.Build.Diagnostics;
using SchemaGen.Conversion;
using SchemaGen.Conversion.Images;
using SchemaGen.Conversion.Output;
using SchemaGen.Records;
using Spectre.Console;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// <c>schemagen convert [cifar10|cifar100|imagefolder] INPUT OUTDIR [options]</c>: a dataset to TFRecord shards and
/// dataset_info.json. The format is inferred from the input's name when left out.
/// </summary>
internal sealed class ConvertCommand : Command
{
    private readonly Argument<string[]> _arguments = new("[FORMAT] INPUT OUTDIR")
    {
        Description = "cifar10, cifar100 or imagefolder (optional), the archive or folder to read, and the output folder.",
        Arity = new ArgumentArity(2, 3),
    };

    private readonly Option<int> _shards = new("--shards") { Description = "Shards per split.", DefaultValueFactory = _ => 1 };
    private readonly Option<string> _encoding = new("--encoding") { Description = "How images are stored.", DefaultValueFactory = _ => "raw" };
    private readonly Option<string> _pixelOrder = new("--pixel-order") { Description = "Channel order of raw images.", DefaultValueFactory = _ => "rgb" };
    private readonly Option<long?> _seed = new("--seed") { Description = "Shuffle the records of each split with this seed (deterministic)." };
    private readonly Option<bool> _index = new("--index") { Description = "Write a .idx sidecar beside each shard." };
    private readonly Option<string> _compression = new("--compression") { Description = "Compression of the shards.", DefaultValueFactory = _ => "none" };
    private readonly Option<int?> _shardIndex = new("--shard-index")
    {
        Description = $"This job's index: writes shards i, i+n, ... (with --shard-count n). Default: {ClusterShard.KubernetesIndex} (Kubernetes Indexed Job) or {ClusterShard.SlurmId} (Slurm array).",
    };

    private readonly Option<int?> _shardCount = new("--shard-count")
    {
        Description = $"How many jobs share the conversion (default 1, or {ClusterShard.SlurmCount}). Above 1, `schemagen finalize OUTDIR` writes dataset_info.json when all have finished.",
    };
    private readonly Option<string?> _resize = new("--resize") { Description = "Image folders: resize every image to WxH (TensorFlow's antialiased bilinear, rounded to uint8).", HelpName = "WxH" };
    private readonly Option<bool> _skipInvalid = new("--skip-invalid") { Description = "Image folders: skip and count files that are not valid images." };
    private readonly Option<bool> _includeId = new("--include-id") { Description = "Add an id feature (<split>_<index>)." };
    private readonly Option<bool> _includeFileName = new("--include-filename") { Description = "Add a filename feature." };
    private readonly Option<int> _jpegQuality = new("--jpeg-quality") { Description = "JPEG quality, 1-100.", DefaultValueFactory = _ => 95 };

    // For the MSBuild task: errors as canonical SCHEMA1xx lines, one summary line per split, the files written.
    private readonly Option<bool> _msbuild = new("--msbuild") { Description = "Print errors as MSBuild canonical errors (used by the TfRecordDataset build task).", Hidden = true };

    public ConvertCommand(CliConsole console)
        : base("convert", "Convert CIFAR-10/100 (python or binary archive, or extracted folder) or an image folder to TFRecord shards.")
    {
        _encoding.AcceptOnlyFromAmong("raw", "png", "jpeg");
        _pixelOrder.AcceptOnlyFromAmong("rgb", "bgr");
        _compression.AcceptOnlyFromAmong("none", "gzip", "zlib");
        Add(_arguments);
        foreach (var option in new Option[] { _shards, _encoding, _pixelOrder, _seed, _index, _compression, _shardIndex, _shardCount, _resize, _skipInvalid, _includeId, _includeFileName, _jpegQuality, _msbuild })
        {
            Add(option);
        }

        SetAction(result => Execute(result, console));
    }

    private int Execute(ParseResult result, CliConsole console)
    {
        string[] arguments = result.GetRequiredValue(_arguments);
        string input = arguments[^2];
        string output = arguments[^1];
        if (result.GetValue(_msbuild))
        {
            return ExecuteForMSBuild(result, arguments, input, output, console);
        }

        DatasetFormat format = Format(arguments, input);
        ConversionOptions options = ConversionOptionsOf(result);
        ConversionResult converted;
        try
        {
            converted = IsTerminal(console)
                ? ConvertWithProgressBar(format, input, output, options)
                : Converter.Convert(format, input, output, options, new PlainProgress(console.Error));
        }
        catch (DatasetFormatException e)
        {
            throw new CliException(e.Message, e);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"schemagen convert: {e.Message}", e);
        }

        foreach (var split in converted.Splits)
        {
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{split.Name}: {split.RecordsWritten} of {split.Records} records, {split.ShardsWritten} shards, {split.BytesWritten} bytes, {split.Elapsed.TotalSeconds:F2} s"));
        }

        if (converted.Skipped.Count > 0)
        {
            console.Out.WriteLine($"skipped {converted.Skipped.Count} invalid files (listed in {DatasetInfoName})");
        }

        console.Out.WriteLine($"wrote {converted.DatasetInfoPath}");
        if (options.ShardCount > 1)
        {
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"job {options.ShardIndex} of {options.ShardCount} done; when all have finished, `schemagen finalize {output}` writes {DatasetInfoName}"));
        }

        return 0;
    }

    /// <summary>
    /// The build task's mode: per split <c>train: 50000 records, 146.6 MB, 1.20 s</c>, then <c>output: FILE</c> for every
    /// file written (relative to OUTDIR); a failure is one canonical <c>FILE: error SCHEMA1xx: message</c> line, exit 1.
    /// </summary>
    private int ExecuteForMSBuild(ParseResult result, string[] arguments, string input, string output, CliConsole console)
    {
        string origin = Path.GetFullPath(input);
        string? code = null;
        string message = "";
        try
        {
            if (!File.Exists(input) && !Directory.Exists(input))
            {
                (code, message) = (BuildErrors.MissingInput, $"the dataset input '{input}' does not exist");
            }
            else
            {
                DatasetFormat format = Format(arguments, input);
                ConversionOptions options = ConversionOptionsOf(result);
                ConversionResult converted = Converter.Convert(format, input, output, options);
                foreach (var split in converted.Splits)
                {
                    console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{split.Name}: {split.RecordsWritten} records, {split.BytesWritten / 1e6:F1} MB, {split.Elapsed.TotalSeconds:F2} s"));
                }

                foreach (string file in OutputFiles(converted, options))
                {
                    console.Out.WriteLine("output: " + file);
                }

                return 0;
            }
        }
        catch (CliException e)
        {
            (code, message) = (e.InnerException is FormatException or ArgumentException ? BuildErrors.InvalidMetadata : BuildErrors.UnknownFormat, e.Message);
        }
        catch (DatasetFormatException e)
        {
            // An image of an image folder is itself the file to open; an archive member is reported on the archive.
            if (Path.IsPathRooted(e.Source) && File.Exists(e.Source))
            {
                origin = e.Source;
            }

            code = e.Problem switch
            {
                DatasetProblem.CorruptArchive => BuildErrors.CorruptArchive,
                DatasetProblem.TruncatedBatch => BuildErrors.TruncatedBatch,
                DatasetProblem.WrongRecordSize => BuildErrors.WrongRecordSize,
                DatasetProblem.RefusedPickle => BuildErrors.RefusedPickle,
                _ => BuildErrors.InvalidContent,
            };
            message = e.Message;
        }
        catch (ArgumentException e)
        {
            (code, message) = (BuildErrors.InvalidMetadata, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            (code, message) = e is FileNotFoundException or DirectoryNotFoundException && !File.Exists(input) && !Directory.Exists(input)
                ? (BuildErrors.MissingInput, e.Message)
                : (BuildErrors.OutputNotWritable, $"converting into '{output}': {e.Message}");
        }
        catch (Exception e)
        {
            (code, message) = (BuildErrors.ConverterFailed, $"internal error ({e.GetType().Name}): {e.Message}");
        }

        console.Error.WriteLine(BuildErrors.CanonicalLine(origin, code, message));
        return 1;
    }

    // The files Converter.Convert writes for these options, in its naming; the build task lists them for clean and publish.
    private static IEnumerable<string> OutputFiles(ConversionResult converted, ConversionOptions options)
    {
        foreach (var split in converted.Splits)
        {
            for (int shard = options.ShardIndex; shard < options.Shards; shard += options.ShardCount)
            {
                string name = ShardNaming.FileName(split.Name, shard, options.Shards);
                if (options.WriteIndex)
                {
                    yield return TfRecordIndex.PathFor(name);
                }

                yield return name;
            }
        }

        yield return Path.GetFileName(converted.DatasetInfoPath);
    }

    private static DatasetFormat Format(string[] arguments, string input) => arguments.Length == 3
        ? arguments[0].ToLowerInvariant() switch
        {
            "cifar10" => DatasetFormat.Cifar10,
            "cifar100" => DatasetFormat.Cifar100,
            "imagefolder" => DatasetFormat.ImageFolder,
            _ => throw new CliException($"schemagen convert: unknown format '{arguments[0]}' (cifar10, cifar100 or imagefolder)"),
        }
        : Converter.InferFormat(input) ?? throw new CliException($"schemagen convert: cannot tell the format from '{input}'; name it: cifar10, cifar100 or imagefolder");

    private ConversionOptions ConversionOptionsOf(ParseResult result)
    {
        var shard = ClusterShard.Resolve(result.GetValue(_shardIndex), result.GetValue(_shardCount), Environment.GetEnvironmentVariable);
        try
        {
            return new ConversionOptions
            {
                Shards = result.GetValue(_shards),
                Encoding = Enum.Parse<ImageEncoding>(result.GetValue(_encoding)!, ignoreCase: true),
                PixelOrder = Enum.Parse<PixelOrder>(result.GetValue(_pixelOrder)!, ignoreCase: true),
                Seed = result.GetValue(_seed),
                WriteIndex = result.GetValue(_index),
                Compression = Enum.Parse<TfRecordCompression>(result.GetValue(_compression)!, ignoreCase: true),
                ShardIndex = shard.Index,
                ShardCount = shard.Count,
                Resize = result.GetValue(_resize) is { } size ? ImageSize.Parse(size) : null,
                SkipInvalid = result.GetValue(_skipInvalid),
                IncludeId = result.GetValue(_includeId),
                IncludeFileName = result.GetValue(_includeFileName),
                JpegQuality = result.GetValue(_jpegQuality),
            };
        }
        catch (FormatException e)
        {
            throw new CliException($"schemagen convert: {e.Message}", e);
        }
    }

    private const string DatasetInfoName = "dataset_info.json";

    // The process's own terminal only: in-process runs (tests) and redirected output get plain lines.
    private static bool IsTerminal(CliConsole console) =>
        !Console.IsOutputRedirected && console.Out is StreamWriter { BaseStream: not MemoryStream };

    private static ConversionResult ConvertWithProgressBar(DatasetFormat format, string input, string output, ConversionOptions options)
    {
        ConversionResult? result = null;
        AnsiConsole.Progress().AutoClear(false).Start(context =>
        {
            var tasks = new Dictionary<string, ProgressTask>();
            var progress = new SynchronousProgress(p =>
            {
                if (!tasks.TryGetValue(p.Stage, out var task))
                {
                    task = tasks[p.Stage] = context.AddTask(p.Stage == "read" ? "reading sources" : p.Stage, maxValue: Math.Max(1, p.Total));
                    if (p.Stage != "read")
                    {
                        foreach (var other in tasks.Values.Where(t => t != task))
                        {
                            other.Value = other.MaxValue;
                        }
                    }
                }

                if (p.Total > 0)
                {
                    task.Value = p.Done;
                }
            });
            result = Converter.Convert(format, input, output, options, progress);
        });
        return result!;
    }

    private sealed class SynchronousProgress(Action<ConversionProgress> report) : IProgress<ConversionProgress>
    {
        public void Report(ConversionProgress value) => report(value);
    }

    /// <summary>A line when a stage starts and at every tenth of it.</summary>
    private sealed class PlainProgress(TextWriter output) : IProgress<ConversionProgress>
    {
        private string? _stage;
        private long _nextTenth;

        public void Report(ConversionProgress value)
        {
            if (value.Stage != _stage)
            {
                _stage = value.Stage;
                _nextTenth = 1;
                output.WriteLine(value.Stage == "read" ? "reading sources" : $"{value.Stage}: writing {value.Total} records");
                return;
            }

            if (value.Total > 0 && value.Done * 10 >= _nextTenth * value.Total)
            {
                _nextTenth = value.Done * 10 / value.Total + 1;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{value.Stage}: {value.Done}/{value.Total}"));
            }
        }
    }
}
