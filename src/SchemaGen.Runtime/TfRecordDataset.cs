using SchemaGen.Datasets;
using SchemaGen.Schema;

namespace SchemaGen;

/// <summary>
/// A training input pipeline over TFRecord files (or in-memory records): TF1's input queues and tf.data's
/// <c>list_files → interleave → shuffle → batch → parse → prefetch</c>, reading straight into generated batches.
/// Immutable: each stage call returns a new dataset.
/// </summary>
/// <remarks>
/// <code>
/// var batches = TfRecordDataset.FromFiles("data/train.tfrecord-*")
///     .ShuffleFiles(seed: 1)
///     .Interleave(cycleLength: 4)
///     .Shard(rank, worldSize, ShardBalance.Drop)
///     .Shuffle(bufferSize: 10_000, seed: 2)
///     .Repeat(epochs: 90)
///     .Batch&lt;Cifar.Batch&gt;(128);           // T.Batch of a [TfExample] record Cifar; parsed on the cores
/// await foreach (Cifar.Batch batch in batches.WithCancellation(token)) { Train(batch.Image, batch.Label); }
/// </code>
/// Per epoch the stages run in a fixed order, whatever order they were called in: file order (sorted, then
/// <see cref="ShuffleFiles"/>), <see cref="Shard"/>, <see cref="Interleave"/> (or <see cref="ShuffleGlobally"/>),
/// <see cref="Shuffle"/>, batching. Epochs do not mix (the shuffle buffer drains and the last batch may be short),
/// so every epoch yields every record of the worker's shard exactly once. All randomness comes from the seeds
/// through a generator defined here (SplitMix64), so a seed gives the same batches on every runtime and for any
/// parallelism. Batches are parsed on the machine's cores with a tuned prefetch depth unless the batch dataset's
/// <c>Prefetch</c> and <c>WithMaxDegreeOfParallelism</c> say otherwise.
/// </remarks>
public sealed class TfRecordDataset
{
    /// <summary>
    /// tf.data's <c>AUTOTUNE</c>: give it to <see cref="BatchDataset{TBatch}.Prefetch"/> or
    /// <see cref="BatchDataset{TBatch}.WithMaxDegreeOfParallelism"/> to let the dataset choose, as it does for a
    /// setting left out (see <see cref="BatchDataset{TBatch}"/>'s remarks for the rule).
    /// </summary>
    public const int Autotune = -1;

    /// <summary>
    /// The parsing threads of a batch dataset that does not set them: <see cref="Environment.ProcessorCount"/> (which
    /// honours the process's affinity and container CPU limit), at most 16.
    /// </summary>
    public static int DefaultMaxDegreeOfParallelism => Math.Clamp(Environment.ProcessorCount, 1, 16);

    private TfRecordDataset(DatasetSettings settings) => Settings = settings;

    /// <summary>The files, sorted by ordinal path (empty for an in-memory source).</summary>
    public IReadOnlyList<string> Files => Settings.Paths;

    /// <summary>
    /// The Hive-style partition columns (<c>lang=en/</c>) of the folders read, in folder order; empty when there are none.
    /// </summary>
    public IReadOnlyList<string> PartitionColumns => Settings.Partitions?.Columns ?? [];

    internal DatasetSettings Settings { get; }

    /// <summary>
    /// A dataset over TFRecord files: paths, or patterns with <c>*</c> and <c>?</c> (expanded now, sorted by path;
    /// an <c>.idx</c> sidecar that a pattern matches along with its file is left out). Each file's compression (none,
    /// GZIP, ZLIB) is detected when it is opened. TF1's <c>string_input_producer</c>. Object addresses
    /// (<c>s3://bucket/prefix/train-*.tfrecord</c>, <c>gs://</c>, <c>az://</c>) are read through the store registered
    /// for their scheme (<see cref="Storage.ObjectStores"/>), patterns by listing their prefix; each object is read
    /// as listed now, and one replaced later fails with <see cref="Storage.ObjectChangedException"/>. A name ending in
    /// <c>.gz</c> (or <c>.deflate</c>) is read as GZIP (ZLIB) unless <see cref="WithReaderOptions"/> gives a compression.
    /// A folder (<c>out/</c>, <c>s3://bucket/out/</c>, or <c>s3://bucket/out</c> when no object has that key) is read
    /// as the output of Spark (LinkedIn's spark-tfrecord): its <c>part-*</c> files in every folder below it, hidden
    /// names (<c>_SUCCESS</c>, <c>_committed_*</c>, <c>.part-….crc</c>, <c>_temporary/</c>) passed over, Hive-style
    /// <c>col=value</c> folders giving <see cref="PartitionColumns"/> (see <see cref="WithPartitionFeatures"/>).
    /// </summary>
    /// <param name="pathsOrGlobs">Files, folders or patterns.</param>
    /// <returns>The dataset: one epoch of the files in order until other stages are added.</returns>
    /// <exception cref="FileNotFoundException">A path does not exist, a pattern matches nothing, or a folder holds no
    /// part file.</exception>
    /// <exception cref="InvalidDataException">A folder holds a visible file that is not a part file, its partition
    /// folders disagree (as Spark reports), or a file's name says it is compressed with a codec TensorFlow cannot
    /// read (<c>.snappy</c>, <c>.bz2</c>, <c>.lz4</c>, <c>.zst</c>).</exception>
    public static TfRecordDataset FromFiles(params string[] pathsOrGlobs)
    {
        ArgumentNullException.ThrowIfNull(pathsOrGlobs);
        if (pathsOrGlobs.Length == 0)
        {
            throw new ArgumentException("Give at least one file or pattern.", nameof(pathsOrGlobs));
        }

        string[] paths = FileGlob.Expand(pathsOrGlobs, out var objects, out var partitions);
        return new(new DatasetSettings { Paths = paths, Objects = objects, Partitions = PartitionFeatures.Build(partitions) });
    }

    /// <summary>
    /// A dataset over serialized records held in memory (TF1's <c>slice_input_producer</c>). The arrays are kept,
    /// not copied: do not change them while the dataset is read. A record's "offset" in messages is its index.
    /// </summary>
    /// <param name="records">Serialized Examples.</param>
    /// <returns>The dataset.</returns>
    public static TfRecordDataset FromRecords(IEnumerable<byte[]> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records.ToArray();
        if (Array.IndexOf(list, null) is int missing and >= 0)
        {
            throw new ArgumentException($"Record {missing} is null.", nameof(records));
        }

        return new(new DatasetSettings { Records = list });
    }

    /// <summary>A dataset over in-memory samples of a schema type, serialized now (TF1's <c>slice_input_producer</c>).</summary>
    /// <typeparam name="T">The schema type.</typeparam>
    /// <param name="samples">The samples.</param>
    /// <returns>The dataset.</returns>
    public static TfRecordDataset FromExamples<T>(IEnumerable<T> samples)
        where T : ITfExample<T>
    {
        ArgumentNullException.ThrowIfNull(samples);
        return FromRecords(samples.Select(sample => sample.ToByteArray()));
    }

    /// <summary>Reads the data <paramref name="epochs"/> times (tf.data's <c>repeat</c>); null repeats forever.</summary>
    /// <param name="epochs">The number of epochs (default 1 without this stage), or null for no end.</param>
    /// <returns>The dataset.</returns>
    public TfRecordDataset Repeat(int? epochs = null)
    {
        if (epochs is int count)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(epochs));
        }

        return With(Settings with { Epochs = epochs });
    }

    /// <summary>
    /// Shuffles the file order at the start of every epoch (tf.data's <c>list_files(shuffle=True)</c>, TF1's
    /// <c>string_input_producer(shuffle=True)</c>). Workers sharding the data must use the same seed.
    /// </summary>
    /// <param name="seed">The seed.</param>
    /// <returns>The dataset.</returns>
    public TfRecordDataset ShuffleFiles(int seed) => With(Settings with { FileSeed = seed });

    /// <summary>
    /// Reads <paramref name="cycleLength"/> files at once, taking <paramref name="blockLength"/> records from each in
    /// turn (tf.data's deterministic <c>interleave</c>); a file that ends makes way for the next one.
    /// </summary>
    /// <param name="cycleLength">The files open at once.</param>
    /// <param name="blockLength">The records taken from a file before moving to the next.</param>
    /// <returns>The dataset.</returns>
    public TfRecordDataset Interleave(int cycleLength, int blockLength = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cycleLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockLength, 1);
        return With(Settings with { CycleLength = cycleLength, BlockLength = blockLength });
    }

    /// <summary>
    /// Keeps worker <paramref name="index"/>'s part of <paramref name="count"/> (data-parallel training): the parts
    /// of all workers are disjoint and together hold every record. By file when there are at least as many files as
    /// workers, else by record (see <see cref="ShardMode"/>); <paramref name="balance"/> gives every worker the
    /// same number of records, hence of batches.
    /// </summary>
    /// <param name="index">This worker, from 0.</param>
    /// <param name="count">The number of workers.</param>
    /// <param name="balance">How to even out the workers' counts.</param>
    /// <param name="mode">By file, by record, or chosen from the file count.</param>
    /// <returns>The dataset.</returns>
    public TfRecordDataset Shard(int index, int count, ShardBalance balance = ShardBalance.None, ShardMode mode = ShardMode.Auto)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        return With(Settings with { ShardIndex = index, ShardCount = count, ShardBalance = balance, ShardMode = mode });
    }

    /// <summary>
    /// Shuffles records through a buffer of <paramref name="bufferSize"/> raw records (tf.data's <c>shuffle</c>):
    /// each record handed on is picked uniformly from the buffer. A buffer at least as large as the data gives a
    /// uniform permutation; a buffer of 1 keeps the file order. The buffer holds record bytes in pooled memory.
    /// </summary>
    /// <param name="bufferSize">The records held, at least 1.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="reshuffleEachIteration">Whether each epoch gets its own order (true, as in tf.data) or all the same.</param>
    /// <returns>The dataset.</returns>
    public TfRecordDataset Shuffle(int bufferSize, int seed, bool reshuffleEachIteration = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1);
        return With(Settings with { ShuffleBufferSize = bufferSize, ShuffleSeed = seed, ReshuffleEachIteration = reshuffleEachIteration });
    }

    /// <summary>
    /// Visits the records in a fresh uniformly random permutation every epoch, reading each by its offset through
    /// the files' index sidecars (<c>&lt;file&gt;.idx</c>; a file without one is indexed by reading it once): the
    /// memory used is 4 bytes per record for the permutation plus the offsets, never the data. Plain files only.
    /// Replaces <see cref="Interleave"/>. Under <see cref="DamagePolicy.SkipFile"/> a file ends at its first damage
    /// found: its records before that offset are still read, those after it and not yet visited are skipped.
    /// </summary>
    /// <param name="seed">The seed.</param>
    /// <param name="reshuffleEachIteration">Whether each epoch gets its own permutation.</param>
    /// <returns>The dataset.</returns>
    public TfRecordDataset ShuffleGlobally(int seed, bool reshuffleEachIteration = true) =>
        With(Settings with { GlobalShuffleSeed = seed, GlobalReshuffleEachIteration = reshuffleEachIteration });

    /// <summary>
    /// Sets how files are read: damage policy (<see cref="DamagePolicy.SkipFile"/> skips the rest of a damaged file
    /// and counts it in <see cref="BatchReader{TBatch}.SkippedFiles"/>), checksum verification, record length limit,
    /// compression, buffer size. The values are copied.
    /// </summary>
    /// <param name="options">The reader options.</param>
    /// <returns>The dataset.</returns>
    public TfRecordDataset WithReaderOptions(TfRecordReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return With(Settings with
        {
            Compression = options.Compression,
            Policy = options.Policy,
            VerifyChecksums = options.VerifyChecksums,
            MaxRecordLength = options.MaxRecordLength,
            ReadBufferSize = options.BufferSize,
        });
    }

    /// <summary>
    /// Adds each file's partition values (the <c>col=value</c> folders above it, see <see cref="PartitionColumns"/>)
    /// to each of its records as features, as Spark adds partition columns to the rows it reads. A column is typed
    /// across all its folders as Spark's partition discovery types it and then as spark-tfrecord would have written
    /// it: whole numbers an Int64List, other numbers a FloatList (float32), anything else a BytesList of the
    /// unescaped text; <c>__HIVE_DEFAULT_PARTITION__</c> (null) leaves the feature out. A generated type reads them
    /// through its member of the same feature name. A record that already has a feature of a column's name fails
    /// with <see cref="DatasetParseException"/>: Spark leaves partition columns out of the files. Records are then
    /// copied rather than read in place from mapped files.
    /// </summary>
    /// <param name="enabled">Whether to add the values.</param>
    /// <returns>The dataset.</returns>
    public TfRecordDataset WithPartitionFeatures(bool enabled = true) => With(Settings with { SurfacePartitions = enabled });

    /// <summary>
    /// Whether plain files are read through memory mappings (the default): records are verified and parsed in place,
    /// and the shuffle buffer holds where they are rather than copies; the global shuffle reads them by offset in
    /// place. Compressed files and files over 2 GiB always go through read buffers. Turn it off for files that another
    /// process may truncate while they are read, which a mapping cannot survive.
    /// </summary>
    /// <param name="enabled">Whether to map files.</param>
    /// <returns>The dataset.</returns>
    public TfRecordDataset WithMemoryMapping(bool enabled) => With(Settings with { MemoryMapFiles = enabled });

    /// <summary>
    /// Groups records into batches of <paramref name="batchSize"/> parsed straight into the generated batch type,
    /// named as the type argument: <c>Batch&lt;Cifar.Batch&gt;(128)</c>.
    /// </summary>
    /// <typeparam name="TBatch">The generated <c>T.Batch</c> of a <c>[TfExample]</c> type.</typeparam>
    /// <param name="batchSize">The rows per batch.</param>
    /// <param name="dropRemainder">Whether to drop an epoch's last batch when it is short.</param>
    /// <returns>
    /// The batches, parsed on <see cref="DefaultMaxDegreeOfParallelism"/> threads with an
    /// autotuned prefetch depth; enumerate them, or set <see cref="BatchDataset{TBatch}.Prefetch"/> and
    /// <see cref="BatchDataset{TBatch}.WithMaxDegreeOfParallelism"/>.
    /// </returns>
    public BatchDataset<TBatch> Batch<TBatch>(int batchSize, bool dropRemainder = false)
        where TBatch : class, ITfExampleBatch<TBatch>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (Settings.GlobalShuffleSeed is not null && Settings.CycleLength > 1)
        {
            throw new InvalidOperationException("ShuffleGlobally reads records by index in a random order; Interleave does not apply to it. Use one or the other.");
        }

        return new BatchDataset<TBatch>(Settings, batchSize, dropRemainder, prefetch: Autotune, parallelism: Autotune);
    }

    /// <summary>
    /// TF1's <c>tf.train.shuffle_batch(batch_size, capacity, min_after_dequeue, seed)</c>, deterministic: records go
    /// through a buffer of <paramref name="capacity"/> records, each batch row picked uniformly from it. TF1's queue
    /// hovered between <paramref name="minAfterDequeue"/> and the capacity depending on thread timing; this one is
    /// kept full, so the mixing is the best TF1 reached and the same on every run. A closed queue (the epoch's end)
    /// drains and gives a short last batch, as <c>allow_smaller_final_batch=True</c>.
    /// </summary>
    /// <typeparam name="TBatch">The generated batch type.</typeparam>
    /// <param name="batchSize">The rows per batch.</param>
    /// <param name="capacity">The records the queue holds.</param>
    /// <param name="minAfterDequeue">TF1's minimum left after a dequeue; must be below <paramref name="capacity"/>.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The batches.</returns>
    public BatchDataset<TBatch> ShuffleBatch<TBatch>(int batchSize, int capacity, int minAfterDequeue, int seed)
        where TBatch : class, ITfExampleBatch<TBatch>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minAfterDequeue);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(capacity, minAfterDequeue);
        return Shuffle(capacity, seed).Batch<TBatch>(batchSize);
    }

    private static TfRecordDataset With(DatasetSettings settings) => new(settings);
}
