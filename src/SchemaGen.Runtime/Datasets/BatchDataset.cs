using SchemaGen.Schema;

namespace SchemaGen.Datasets;

/// <summary>
/// A <see cref="TfRecordDataset"/> parsed into typed batches (<see cref="TfRecordDataset.Batch{TBatch}"/>):
/// enumerate it with <c>foreach</c> or <c>await foreach</c>, or <see cref="Open(CancellationToken)"/> a
/// <see cref="BatchReader{TBatch}"/> to checkpoint. Immutable: each call returns a new dataset.
/// </summary>
/// <typeparam name="TBatch">The generated batch type: <c>Cifar.Batch</c> for a <c>[TfExample] record Cifar</c>.</typeparam>
/// <remarks>
/// Each enumeration is an independent pass that starts at epoch 0. Without <see cref="Prefetch"/> a batch is read
/// and parsed in the consumer's thread when asked for; with it, a reading thread and
/// <see cref="MaxDegreeOfParallelism"/> parsing threads work ahead. The batches are the same either way.
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
        MaxDegreeOfParallelism = parallelism;
    }

    /// <summary>The rows per batch (the last batch of an epoch may have fewer, unless <see cref="DropRemainder"/>).</summary>
    public int BatchSize { get; }

    /// <summary>Whether an epoch's last, short batch is dropped.</summary>
    public bool DropRemainder { get; }

    /// <summary>How many parsed batches the workers keep ready ahead of the consumer (0: no workers).</summary>
    public int PrefetchCount { get; }

    /// <summary>How many threads parse batches (each parses whole batches).</summary>
    public int MaxDegreeOfParallelism { get; }

    internal DatasetSettings Settings { get; }

    internal bool UsesWorkers => PrefetchCount > 0 || MaxDegreeOfParallelism > 1;

    /// <summary>
    /// Reads and parses on background threads, keeping up to <paramref name="batches"/> parsed batches ready
    /// (tf.data's <c>prefetch</c>). Memory: the shuffle buffer plus <c>batches + MaxDegreeOfParallelism + 2</c>
    /// batches, each with its records.
    /// </summary>
    /// <param name="batches">The batches to keep ready; 0 turns background reading off (unless parsing is parallel).</param>
    /// <returns>The dataset with prefetching.</returns>
    public BatchDataset<TBatch> Prefetch(int batches)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batches);
        return new(Settings, BatchSize, DropRemainder, batches, MaxDegreeOfParallelism);
    }

    /// <summary>
    /// Parses batches on <paramref name="degree"/> threads (each whole batches, rows in record order, so the result
    /// does not depend on the degree). More than 1 implies background reading.
    /// </summary>
    /// <param name="degree">The number of parsing threads, at least 1.</param>
    /// <returns>The dataset with parallel parsing.</returns>
    public BatchDataset<TBatch> WithMaxDegreeOfParallelism(int degree)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degree, 1);
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
