namespace SchemaGen;

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
    internal BatchDataset(DatasetSettings settings, int batchSize, bool dropRemainder, int prefetch, int parallelism, BatchStage<TBatch>? stage = null)
    {
        Stage = stage;
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

    /// <summary>What the workers do to each batch after parsing it (augmentation), if anything.</summary>
    internal BatchStage<TBatch>? Stage { get; }

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
        return new(Settings, BatchSize, DropRemainder, batches, MaxDegreeOfParallelism, Stage);
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
        return new(Settings, BatchSize, DropRemainder, PrefetchCount, degree, Stage);
    }

    /// <summary>
    /// Augments each batch's images on the workers, right after parsing, into an output lent with the batch: the
    /// built-in <see cref="ImageAugmentation"/> (an <see cref="ImageTensor"/> of floats), <c>SchemaGen.Gpu</c>'s device
    /// augmenter, or your own <see cref="IBatchAugmenter{TOutput}"/>. Batches, order, parallelism and checkpoints stay
    /// as they are; each image's random choices depend on the epoch and its index in the epoch only.
    /// <code>
    /// foreach (var (batch, images) in dataset.Augment(b => b.Image, new ImageShape(32, 32, 3), augmentation))
    /// {
    ///     Train(images.Span, batch.Label[..batch.Count]);
    /// }
    /// </code>
    /// </summary>
    /// <typeparam name="TOutput">What the augmenter writes.</typeparam>
    /// <param name="images">Selects the uint8 image column, for example <c>b =&gt; b.Image</c>.</param>
    /// <param name="shape">One stored image's shape (HWC).</param>
    /// <param name="augmenter">The augmentation.</param>
    /// <returns>The augmented dataset.</returns>
    public AugmentedDataset<TBatch, TOutput> Augment<TOutput>(BatchImages<TBatch> images, ImageShape shape, IBatchAugmenter<TOutput> augmenter)
        where TOutput : class
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(augmenter);
        if (Stage is not null)
        {
            throw new InvalidOperationException("The dataset is already augmented; compose the ops into one augmenter.");
        }

        if (augmenter is ImageAugmentation augmentation)
        {
            augmentation.OutputShape(shape); // a pipeline that does not fit the images fails here, not on a worker
        }

        var stage = new AugmentStage<TBatch, TOutput>(images, shape, augmenter);
        return new(new BatchDataset<TBatch>(Settings, BatchSize, DropRemainder, PrefetchCount, MaxDegreeOfParallelism, stage));
    }

    /// <summary>Starts a pass from the first batch.</summary>
    /// <param name="cancellationToken">Cancels the pass: the next move throws <see cref="OperationCanceledException"/> and the workers stop.</param>
    /// <returns>The reader; dispose it to stop its workers.</returns>
    public BatchReader<TBatch> Open(CancellationToken cancellationToken = default) => new(this, null, cancellationToken);

    /// <summary>Starts a pass at a checkpoint saved by a reader of the same dataset.</summary>
    /// <param name="checkpoint">Where to resume; null starts from the first batch.</param>
    /// <param name="cancellationToken">Cancels the pass.</param>
    /// <returns>The reader, positioned so its first batch is the one after the checkpoint.</returns>
    /// <exception cref="ArgumentException">The checkpoint belongs to another dataset.</exception>
    public BatchReader<TBatch> Open(DatasetCheckpoint? checkpoint, CancellationToken cancellationToken = default) =>
        new(this, checkpoint, cancellationToken);

    /// <summary>Starts a pass (see <see cref="Open(CancellationToken)"/>).</summary>
    /// <returns>The reader.</returns>
    public IEnumerator<TBatch> GetEnumerator() => Open();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Starts a pass whose waits do not block a thread.</summary>
    /// <param name="cancellationToken">Cancels the pass.</param>
    /// <returns>The reader.</returns>
    public IAsyncEnumerator<TBatch> GetAsyncEnumerator(CancellationToken cancellationToken = default) => Open(cancellationToken);
}
