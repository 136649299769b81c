using SchemaGen.Schema;

namespace SchemaGen.Datasets;

/// <summary>
/// A <see cref="TfRecordDataset"/> parsed into typed batches (<see cref="TfRecordDataset.Batch{TBatch}"/>):
/// enumerate it with <c>foreach</c> or <c>await foreach</c>, or <see cref="Open(CancellationToken)"/> a
/// <see cref="BatchReader{TBatch}"/> to checkpoint. Immutable: each call returns a new dataset.
/// </summary>
/// <typeparam name="TBatch">The generated batch type: <c>Cifar.Batch</c> for a <c>[TfExample] record Cifar</c>.</typeparam>
/// <remarks>
/// Each enumeration is an independent pass that starts at epoch 0. A reading thread and
/// <see cref="MaxDegreeOfParallelism"/> parsing threads work ahead of the consumer, keeping parsed batches ready.
/// <para>
/// Fast by default, like tf.data's <c>AUTOTUNE</c>: a dataset given neither <see cref="Prefetch"/> nor
/// <see cref="WithMaxDegreeOfParallelism"/> parses on <see cref="TfRecordDataset.DefaultMaxDegreeOfParallelism"/> threads (the
/// machine's cores, at most 16) and chooses its prefetch depth while it runs, from what the consumer finds as it
/// takes each batch: the depth starts at 1 batch and doubles (up to 16) each time a consumer that had found the
/// buffer full later finds it empty, that is when it consumes faster than the workers in bursts; a steadily faster
/// or steadily slower consumer leaves it alone. The depth stops growing before the ring's estimated memory (what
/// making a batch and its stage's output allocated, plus the largest batch of records seen, times the batches in
/// the ring) would pass 512 MiB. So the memory is at most <c>MaxDegreeOfParallelism + 3</c> batches, and beyond that
/// at most 16 more batches within 512 MiB, plus the shuffle buffer. An explicit setting wins: <c>Prefetch(4)</c>
/// fixes the depth, <c>WithMaxDegreeOfParallelism(2)</c> the threads, and <c>.Prefetch(0).WithMaxDegreeOfParallelism(1)</c>
/// reads and parses each batch in the consumer's thread when asked, with no thread of its own.
/// </para>
/// The batches, their order and checkpoints are the same for every setting and thread count.
/// </remarks>
public sealed class BatchDataset<TBatch> : IEnumerable<TBatch>, IAsyncEnumerable<TBatch>
    where TBatch : class, ITfExampleBatch<TBatch>
{
    internal BatchDataset(DatasetSettings settings, int batchSize, bool dropRemainder, int prefetch, int parallelism)
    {
        Settings = settings;
        BatchSize = batchSize;
        DropRemainder = dropRemainder;
        PrefetchCount = prefetch;
        MaxDegreeOfParallelism = parallelism == TfRecordDataset.Autotune ? TfRecordDataset.DefaultMaxDegreeOfParallelism : parallelism;
    }

    /// <summary>The rows per batch (the last batch of an epoch may have fewer, unless <see cref="DropRemainder"/>).</summary>
    public int BatchSize { get; }

    /// <summary>Whether an epoch's last, short batch is dropped.</summary>
    public bool DropRemainder { get; }

    /// <summary>
    /// How many parsed batches the workers keep ready ahead of the consumer: <see cref="TfRecordDataset.Autotune"/>
    /// (the default) while the depth is chosen as the dataset runs; 0 with one thread: no workers.
    /// </summary>
    public int PrefetchCount { get; }

    /// <summary>How many threads parse batches (each parses whole batches); <see cref="TfRecordDataset.DefaultMaxDegreeOfParallelism"/> unless set.</summary>
    public int MaxDegreeOfParallelism { get; }

    internal DatasetSettings Settings { get; }

    internal bool UsesWorkers => PrefetchCount != 0 || MaxDegreeOfParallelism > 1;

    /// <summary>
    /// Reads and parses on background threads, keeping up to <paramref name="batches"/> parsed batches ready
    /// (tf.data's <c>prefetch</c>). Memory: the shuffle buffer plus <c>batches + MaxDegreeOfParallelism + 2</c>
    /// batches, each with its records. Without this call the depth is tuned as the dataset runs (see the remarks).
    /// </summary>
    /// <param name="batches">
    /// The batches to keep ready; 0 turns background reading off (unless parsing is parallel);
    /// <see cref="TfRecordDataset.Autotune"/> chooses, as when it is not set.
    /// </param>
    /// <returns>The dataset with prefetching.</returns>
    public BatchDataset<TBatch> Prefetch(int batches)
    {
        if (batches != TfRecordDataset.Autotune)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(batches);
        }

        return new(Settings, BatchSize, DropRemainder, batches, MaxDegreeOfParallelism);
    }

    /// <summary>
    /// Parses batches on <paramref name="degree"/> threads (each whole batches, rows in record order, so the result
    /// does not depend on the degree). More than 1 implies background reading.
    /// </summary>
    /// <param name="degree">The number of parsing threads, at least 1; <see cref="TfRecordDataset.Autotune"/> for <see cref="TfRecordDataset.DefaultMaxDegreeOfParallelism"/>.</param>
    /// <returns>The dataset with parallel parsing.</returns>
    public BatchDataset<TBatch> WithMaxDegreeOfParallelism(int degree)
    {
        if (degree != TfRecordDataset.Autotune)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(degree, 1);
        }

        return new(Settings, BatchSize, DropRemainder, PrefetchCount, degree);
    }

    /// <summary>Starts a pass from the first batch.</summary>
    /// <param name="cancellationToken">Cancels the pass: the next move throws <see cref="OperationCanceledException"/> and the workers stop.</param>
    /// <returns>The reader; dispose it to stop its workers.</returns>
    public BatchReader<TBatch> Open(CancellationToken cancellationToken = default) => Open(null, cancellationToken);

    /// <summary>Starts a pass at a checkpoint saved by a reader of the same dataset.</summary>
    /// <param name="checkpoint">Where to resume; null starts from the first batch.</param>
    /// <param name="cancellationToken">Cancels the pass.</param>
    /// <returns>The reader, positioned so its first batch is the one after the checkpoint.</returns>
    /// <exception cref="ArgumentException">The checkpoint belongs to another dataset.</exception>
    public BatchReader<TBatch> Open(DatasetCheckpoint? checkpoint, CancellationToken cancellationToken = default) =>
        new(new BatchPass<TBatch, NoOutput>(this, NoStage<TBatch>.Instance, checkpoint, cancellationToken));

    /// <summary>Starts a pass (see <see cref="Open(CancellationToken)"/>).</summary>
    /// <returns>The reader.</returns>
    public IEnumerator<TBatch> GetEnumerator() => Open();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Starts a pass whose waits do not block a thread.</summary>
    /// <param name="cancellationToken">Cancels the pass.</param>
    /// <returns>The reader.</returns>
    public IAsyncEnumerator<TBatch> GetAsyncEnumerator(CancellationToken cancellationToken = default) => Open(cancellationToken);
}
