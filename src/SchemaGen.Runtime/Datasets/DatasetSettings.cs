using System.Globalization;
using System.Text;
using SchemaGen.Records;
using SchemaGen.Storage;

namespace SchemaGen.Datasets;

/// <summary>The stages a <see cref="TfRecordDataset"/> was configured with: an immutable value, copied by each stage call.</summary>
internal sealed record DatasetSettings
{
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>The paths that are objects, each as listed (its version pinned): reads are conditional on it.</summary>
    public IReadOnlyDictionary<string, ObjectInfo> Objects { get; init; } = new Dictionary<string, ObjectInfo>();

    public byte[][]? Records { get; init; }

    /// <summary>The Hive-style partition values of files found under folders, or null when there are none.</summary>
    public PartitionFeatures? Partitions { get; init; }

    /// <summary>Whether the partition values are added to each record as features.</summary>
    public bool SurfacePartitions { get; init; }

    /// <summary>The number of epochs; null repeats forever.</summary>
    public int? Epochs { get; init; } = 1;

    public long? FileSeed { get; init; }

    public int CycleLength { get; init; } = 1;

    public int BlockLength { get; init; } = 1;

    public int ShardIndex { get; init; }

    public int ShardCount { get; init; } = 1;

    public ShardMode ShardMode { get; init; }

    public ShardBalance ShardBalance { get; init; }

    public int ShuffleBufferSize { get; init; }

    public long ShuffleSeed { get; init; }

    public bool ReshuffleEachIteration { get; init; } = true;

    public long? GlobalShuffleSeed { get; init; }

    public bool GlobalReshuffleEachIteration { get; init; } = true;

    public TfRecordCompression? Compression { get; init; }

    public DamagePolicy Policy { get; init; }

    public bool VerifyChecksums { get; init; } = true;

    public long MaxRecordLength { get; init; } = TfRecordFraming.MaxPayloadLength;

    public int ReadBufferSize { get; init; } = 256 * 1024;

    public bool MemoryMapFiles { get; init; } = true;

    public TfRecordReaderOptions ReaderOptions() => new()
    {
        Compression = Compression,
        Policy = Policy,
        VerifyChecksums = VerifyChecksums,
        MaxRecordLength = MaxRecordLength,
        BufferSize = ReadBufferSize,
    };

    public DatasetFile[] OpenFiles()
    {
        if (Records is not null)
        {
            return [new InMemoryDatasetFile(Records)];
        }

        var options = ReaderOptions();
        var files = new DatasetFile[Paths.Count];
        for (int i = 0; i < files.Length; i++)
        {
            // A record that gains the partition features is copied anyway: mapping the file would save nothing.
            byte[]? suffix = SurfacePartitions ? Partitions?.SuffixFor(Paths[i]) : null;
            var fileOptions = CompressionByExtension.Apply(options, Paths[i]);
            files[i] = Objects.TryGetValue(Paths[i], out var info)
                ? new ObjectDatasetFile(i, info, fileOptions)
                : new TfRecordDatasetFile(i, Paths[i], fileOptions, MemoryMapFiles && suffix is null);
            if (suffix is not null)
            {
                (files[i].PartitionSuffix, files[i].Partitions) = (suffix, Partitions);
            }
        }

        return files;
    }

    /// <summary>
    /// Everything that decides which records come in which order, as text: a checkpoint is only valid for a reader
    /// whose description matches. The epoch count is left out, so a resumed run may train for longer.
    /// </summary>
    public string Describe(IEnumerable<DatasetFile> files, int batchSize, bool dropRemainder)
    {
        var text = new StringBuilder();
        foreach (var file in files)
        {
            text.Append(file.Identity).Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture,
            $"files:{FileSeed} interleave:{CycleLength},{BlockLength} shard:{ShardIndex}/{ShardCount},{ShardMode},{ShardBalance} ");
        text.Append(CultureInfo.InvariantCulture,
            $"shuffle:{ShuffleBufferSize},{ShuffleSeed},{ReshuffleEachIteration} global:{GlobalShuffleSeed},{GlobalReshuffleEachIteration} ");
        text.Append(CultureInfo.InvariantCulture, $"policy:{Policy} batch:{batchSize},{dropRemainder}");

        // Only when on, so that checkpoints saved before the option existed still match.
        if (SurfacePartitions)
        {
            text.Append(" partitions");
        }
        return text.ToString();
    }
}
