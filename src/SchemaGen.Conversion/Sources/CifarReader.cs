using System.Text;
using SchemaGen.Conversion.Pickle;

namespace SchemaGen.Conversion.Sources;

/// <summary>
/// Reads CIFAR-10 or CIFAR-100, python or binary version, from its archive (streamed once, in stored order; the real
/// archives do not store the batches in order) or from an extracted directory.
/// </summary>
internal static class CifarReader
{
    public static CifarData Read(SourceContainer container, bool cifar100, CancellationToken cancellationToken = default)
    {
        CifarLayout python = cifar100 ? CifarLayout.Cifar100Python : CifarLayout.Cifar10Python;
        CifarLayout binary = cifar100 ? CifarLayout.Cifar100Binary : CifarLayout.Cifar10Binary;
        var wanted = python.AllNames.Concat(binary.AllNames).ToHashSet(StringComparer.Ordinal);
        var batches = new Dictionary<string, CifarBatch>(StringComparer.Ordinal);
        var metas = new Dictionary<string, string[]>(StringComparer.Ordinal);
        // Class names, from python meta: label_names or fine_label_names / coarse_label_names.
        string[]? pythonNames = null, pythonCoarseNames = null;
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);

        container.ForEach(
            member =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!wanted.Contains(member.Name))
                {
                    return false;
                }

                if (seen.TryGetValue(member.Name, out string? first))
                {
                    throw new DatasetFormatException(member.DisplayName, $"a second '{member.Name}' (the first is {first}); the input holds more than one dataset");
                }

                seen[member.Name] = member.DisplayName;
                return true;
            },
            (member, bytes) =>
            {
                if (python.Meta.Contains(member.Name))
                {
                    var meta = new PickleDict(RestrictedUnpickler.Load(bytes, member.DisplayName), member.DisplayName);
                    if (cifar100)
                    {
                        pythonNames = meta.GetStrings("fine_label_names");
                        pythonCoarseNames = meta.GetStrings("coarse_label_names");
                    }
                    else
                    {
                        pythonNames = meta.GetStrings("label_names");
                    }
                }
                else if (binary.Meta.Contains(member.Name))
                {
                    metas[member.Name] = ReadNameLines(bytes);
                }
                else if (python.Train.Contains(member.Name) || python.Test.Contains(member.Name))
                {
                    batches[member.Name] = ReadPythonBatch(bytes, member.DisplayName, cifar100);
                }
                else
                {
                    batches[member.Name] = ReadBinaryBatch(bytes, member.DisplayName, cifar100);
                }
            });

        bool isPython = python.AllNames.Any(seen.ContainsKey) || !binary.AllNames.Any(seen.ContainsKey);
        CifarLayout layout = isPython ? python : binary;
        foreach (string name in layout.AllNames)
        {
            if (!seen.ContainsKey(name))
            {
                throw new DatasetFormatException(container.Path, $"'{layout.Description}/{name}' is missing (expected the {layout.Description} layout)");
            }
        }

        string[] classNames = isPython ? pythonNames! : metas[cifar100 ? "fine_label_names.txt" : "batches.meta.txt"];
        string[]? coarseNames = !cifar100 ? null : isPython ? pythonCoarseNames : metas["coarse_label_names.txt"];
        var train = layout.Train.Select(name => batches[name]).ToArray();
        var test = layout.Test.Select(name => batches[name]).ToArray();
        foreach (var batch in train.Concat(test))
        {
            CheckLabels(batch.Source, batch.Labels, classNames.Length, cifar100 ? "fine_labels" : "labels");
            if (coarseNames is not null)
            {
                CheckLabels(batch.Source, batch.CoarseLabels!, coarseNames.Length, "coarse_labels");
            }
        }

        return new CifarData(layout, train, test, classNames, coarseNames);
    }

    internal static CifarBatch ReadPythonBatch(byte[] bytes, string source, bool cifar100)
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
            throw new DatasetFormatException(source,
                $"the batch holds {images.Count} images but {labels.Length} labels{(coarse is null ? "" : $", {coarse.Length} coarse labels")}{(fileNames is null ? "" : $", {fileNames.Length} file names")}");
        }

        return new CifarBatch(source, images, labels, coarse, fileNames);
    }

    private static CifarBatch ReadBinaryBatch(byte[] bytes, string source, bool cifar100)
    {
        int labelBytes = cifar100 ? 2 : 1;
        int stride = labelBytes + ImageRows.RowSize;
        if (bytes.Length == 0 || bytes.Length % stride != 0)
        {
            throw new DatasetFormatException(source,
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

        return new CifarBatch(source, ImageRows.FromBinary(bytes, labelBytes, stride, count), labels, coarse, null);
    }

    private static string[] ReadNameLines(byte[] bytes) =>
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
