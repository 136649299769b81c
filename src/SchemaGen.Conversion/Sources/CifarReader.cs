using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading.Channels;
using SchemaGen.Conversion.Pickle;

namespace SchemaGen.Conversion.Sources;

/// <summary>
/// Reads CIFAR-10 or CIFAR-100, python or binary version, from its archive (streamed once, in stored order; the real
/// archives do not store the batches in order) or from an extracted directory.
/// </summary>
/// <remarks>
/// The calling thread only inflates the archive. Each member goes to a second thread that parses it and, once
/// another member follows, hands a split that member completed to <c>splitRead</c>: the split is written while the
/// rest of the archive inflates. A split completed by the last member is left to the caller, to be written once the
/// whole input is known to be valid. Which splits are handed over depends only on the member order.
/// </remarks>
internal sealed class CifarReader
{
    private readonly bool _cifar100;
    private readonly CifarLayout _python;
    private readonly CifarLayout _binary;
    private readonly Action<CifarLayout, string, IReadOnlyList<CifarBatch>, CancellationToken> _splitRead;
    private readonly HashSet<string> _wanted;
    private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CifarBatch> _batches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _metas = new(StringComparer.Ordinal);
    // Class names, from python meta: label_names or fine_label_names / coarse_label_names.
    private string[]? _pythonNames;
    private string[]? _pythonCoarseNames;
    private bool _pythonParsed;

    private CifarReader(bool cifar100, Action<CifarLayout, string, IReadOnlyList<CifarBatch>, CancellationToken> splitRead)
    {
        _cifar100 = cifar100;
        _python = cifar100 ? CifarLayout.Cifar100Python : CifarLayout.Cifar10Python;
        _binary = cifar100 ? CifarLayout.Cifar100Binary : CifarLayout.Cifar10Binary;
        _splitRead = splitRead;
        _wanted = _python.AllNames.Concat(_binary.AllNames).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Reads the dataset; <paramref name="splitRead"/> runs on the parsing thread for splits completed early.</summary>
    public static CifarData Read(SourceContainer container, bool cifar100,
        Action<CifarLayout, string, IReadOnlyList<CifarBatch>, CancellationToken> splitRead, CancellationToken cancellationToken)
    {
        var reader = new CifarReader(cifar100, splitRead);
        var members = Channel.CreateBounded<(SourceMember Member, ReadOnlyMemory<byte> Bytes)>(
            new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        // Stops the parsing thread when reading fails, and the reading when parsing fails.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parsing = Task.Run(() => reader.ParseAsync(members.Reader, stop), stop.Token);
        try
        {
            container.ForEach(member => reader.Accept(member, stop.Token), (member, bytes) =>
            {
                if (!members.Writer.TryWrite((member, bytes)))
                {
                    members.Writer.WriteAsync((member, bytes), stop.Token).AsTask().GetAwaiter().GetResult();
                }
            });
            members.Writer.Complete();
        }
        catch
        {
            stop.Cancel();
            // When the parsing failed first, and so stopped the reading, its failure is the one to report.
            if (FailureOf(parsing) is { } failure and not OperationCanceledException)
            {
                ExceptionDispatchInfo.Throw(failure);
            }

            throw;
        }

        parsing.GetAwaiter().GetResult();
        return reader.Finish(container.Path);
    }

    private static Exception? FailureOf(Task task)
    {
        try
        {
            task.GetAwaiter().GetResult();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private bool Accept(SourceMember member, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_wanted.Contains(member.Name))
        {
            return false;
        }

        if (_seen.TryGetValue(member.Name, out string? first))
        {
            throw new DatasetFormatException(member.DisplayName, $"a second '{member.Name}' (the first is {first}); the input holds more than one dataset");
        }

        _seen[member.Name] = member.DisplayName;
        return true;
    }

    private async Task ParseAsync(ChannelReader<(SourceMember Member, ReadOnlyMemory<byte> Bytes)> members, CancellationTokenSource stop)
    {
        try
        {
            (CifarLayout Layout, string Split, CifarBatch[] Batches)? completed = null;
            while (await members.WaitToReadAsync(stop.Token).ConfigureAwait(false))
            {
                while (members.TryRead(out var item))
                {
                    if (completed is { } split)
                    {
                        _splitRead(split.Layout, split.Split, split.Batches, stop.Token);
                    }

                    completed = Parse(item.Member, item.Bytes);
                }
            }
        }
        catch
        {
            stop.Cancel();
            throw;
        }
    }

    /// <summary>Parses one member; returns the split it completes, if it is to be handed over.</summary>
    private (CifarLayout Layout, string Split, CifarBatch[] Batches)? Parse(SourceMember member, ReadOnlyMemory<byte> bytes)
    {
        if (_python.Meta.Contains(member.Name))
        {
            var meta = new PickleDict(RestrictedUnpickler.Load(bytes, member.DisplayName), member.DisplayName);
            if (_cifar100)
            {
                _pythonNames = meta.GetStrings("fine_label_names");
                _pythonCoarseNames = meta.GetStrings("coarse_label_names");
            }
            else
            {
                _pythonNames = meta.GetStrings("label_names");
            }

            _pythonParsed = true;
            return null;
        }

        if (_binary.Meta.Contains(member.Name))
        {
            _metas[member.Name] = ReadNameLines(bytes.Span);
            return null;
        }

        bool python = _python.SplitOf(member.Name) is not null;
        _pythonParsed |= python;
        _batches[member.Name] = python ? ReadPythonBatch(bytes, member.DisplayName, _cifar100) : ReadBinaryBatch(bytes, member.DisplayName, _cifar100);
        // An input holding both versions is read as the python one: its binary splits are not written.
        var layout = python ? _python : _binary;
        if ((!python && _pythonParsed) || layout.SplitOf(member.Name) is not { } split || !split.Batches.All(_batches.ContainsKey))
        {
            return null;
        }

        return (layout, split.Split, split.Batches.Select(name => _batches[name]).ToArray());
    }

    private CifarData Finish(string path)
    {
        bool isPython = _python.AllNames.Any(_seen.ContainsKey) || !_binary.AllNames.Any(_seen.ContainsKey);
        CifarLayout layout = isPython ? _python : _binary;
        foreach (string name in layout.AllNames)
        {
            if (!_seen.ContainsKey(name))
            {
                throw new DatasetFormatException(path, $"'{layout.Description}/{name}' is missing (expected the {layout.Description} layout)");
            }
        }

        string[] classNames = isPython ? _pythonNames! : _metas[_cifar100 ? "fine_label_names.txt" : "batches.meta.txt"];
        string[]? coarseNames = !_cifar100 ? null : isPython ? _pythonCoarseNames : _metas["coarse_label_names.txt"];
        var train = layout.Train.Select(name => _batches[name]).ToArray();
        var test = layout.Test.Select(name => _batches[name]).ToArray();
        foreach (var batch in train.Concat(test))
        {
            CheckLabels(batch.Source, batch.Labels, classNames.Length, _cifar100 ? "fine_labels" : "labels");
            if (coarseNames is not null)
            {
                CheckLabels(batch.Source, batch.CoarseLabels!, coarseNames.Length, "coarse_labels");
            }
        }

        return new CifarData(layout, train, test, classNames, coarseNames);
    }
    internal static CifarBatch ReadPythonBatch(ReadOnlyMemory<byte> bytes, string source, bool cifar100)
    {
        var dict = new PickleDict(RestrictedUnpickler.Load(bytes, source), source);
        int[] labels = dict.GetIntegers(cifar100 ? "fine_labels" : "labels", 0, 255);
        int[]? coarse = cifar100 ? dict.GetIntegers("coarse_labels", 0, 255) : null;
        object? data = dict.Get("data");
        var images = data is NumpyArray array
            ? ImageRows.FromArray(array, source)
            : throw new DatasetFormatException(source, $"'data' is {NumpyValues.Describe(data)}; expected a numpy array");
        string[]? fileNames = dict.TryGet("filenames", out _) ? dict.GetStrings("filenames") : null;
        if (images.Count != labels.Length || (coarse is not null && coarse.Length != labels.Length) || (fileNames is not null && fileNames.Length != labels.Length))
        {
            throw new DatasetFormatException(source, DatasetProblem.WrongRecordSize,
                $"the batch holds {images.Count} images but {labels.Length} labels{(coarse is null ? "" : $", {coarse.Length} coarse labels")}{(fileNames is null ? "" : $", {fileNames.Length} file names")}");
        }

        return new CifarBatch(source, images, labels, coarse, fileNames);
    }

    private static CifarBatch ReadBinaryBatch(ReadOnlyMemory<byte> data, string source, bool cifar100)
    {
        var bytes = data.Span;
        int labelBytes = cifar100 ? 2 : 1;
        int stride = labelBytes + ImageRows.RowSize;
        if (bytes.Length == 0 || bytes.Length % stride != 0)
        {
            throw new DatasetFormatException(source, DatasetProblem.WrongRecordSize,
                $"{bytes.Length} bytes is not a whole number of {stride}-byte records ({labelBytes} label byte{(cifar100 ? "s" : "")} + {ImageRows.RowSize} pixel bytes)");
        }

        int count = bytes.Length / stride;
        var labels = new int[count];
        int[]? coarse = cifar100 ? new int[count] : null;
        for (int i = 0; i < count; i++)
        {
            // CIFAR-100 rows start with the coarse label, then the fine one.
            labels[i] = bytes[i * stride + labelBytes - 1];
            if (coarse is not null)
            {
                coarse[i] = bytes[i * stride];
            }
        }

        return new CifarBatch(source, ImageRows.FromBinary(data[labelBytes..], stride, count), labels, coarse, null);
    }

    private static string[] ReadNameLines(ReadOnlySpan<byte> bytes) =>
        Encoding.UTF8.GetString(bytes).Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToArray();

    private static void CheckLabels(string source, int[] labels, int classCount, string key)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= classCount)
            {
                throw new DatasetFormatException(source, $"{key}[{i}] is {labels[i]}, but there are only {classCount} class names");
            }
        }
    }
}
