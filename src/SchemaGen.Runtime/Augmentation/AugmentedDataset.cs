using SchemaGen.Datasets;
using SchemaGen.Schema;

namespace SchemaGen.Augmentation;

/// <summary>
/// A <see cref="BatchDataset{TBatch}"/> whose workers also run a stage on each batch: augment its images
/// (<see cref="BatchDatasetAugmentation.Augment"/>), decode them (<c>SchemaGen.Imaging</c>), or any
/// <see cref="IBatchStage{TBatch, TOutput}"/> (<see cref="BatchDatasetAugmentation.WithStage"/>). Enumerate pairs of batch
/// and output, or <see cref="Open(DatasetCheckpoint?, CancellationToken)"/> a reader to checkpoint. The batches, their
/// order and checkpoints are those of the plain dataset, less the records the stage rejected under a skip policy.
/// </summary>
/// <typeparam name="TBatch">The generated batch type.</typeparam>
/// <typeparam name="TOutput">The augmented images' type.</typeparam>
public sealed class AugmentedDataset<TBatch, TOutput> : IEnumerable<AugmentedBatch<TBatch, TOutput>>, IAsyncEnumerable<AugmentedBatch<TBatch, TOutput>>
    where TBatch : class, ITfExampleBatch<TBatch>
    where TOutput : class
{
    internal AugmentedDataset(BatchDataset<TBatch> batches, IBatchStage<TBatch, TOutput> stage) => (Batches, Stage) = (batches, stage);

    /// <summary>The plain dataset (its <c>Prefetch</c> and parallelism apply to augmenting too).</summary>
    internal BatchDataset<TBatch> Batches { get; }

    internal IBatchStage<TBatch, TOutput> Stage { get; }

    /// <summary>Starts a pass from the first batch, or at a checkpoint of a reader of the same dataset.</summary>
    /// <param name="checkpoint">Where to resume; null starts from the first batch.</param>
    /// <param name="cancellationToken">Cancels the pass.</param>
    /// <returns>The reader; dispose it to stop its workers.</returns>
    public AugmentedBatchReader<TBatch, TOutput> Open(DatasetCheckpoint? checkpoint = null, CancellationToken cancellationToken = default) =>
        new(new BatchPass<TBatch, TOutput>(Batches, Stage, checkpoint, cancellationToken));

    /// <summary>The same augmentation over <paramref name="batches"/> (for tests: other prefetch and parallelism).</summary>
    internal AugmentedDataset<TBatch, TOutput> WithBatches(BatchDataset<TBatch> batches) => new(batches, Stage);

    /// <summary>Starts a pass.</summary>
    /// <returns>The reader.</returns>
    public IEnumerator<AugmentedBatch<TBatch, TOutput>> GetEnumerator() => Open();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Starts a pass whose waits do not block a thread.</summary>
    /// <param name="cancellationToken">Cancels the pass.</param>
    /// <returns>The reader.</returns>
    public IAsyncEnumerator<AugmentedBatch<TBatch, TOutput>> GetAsyncEnumerator(CancellationToken cancellationToken = default) => Open(null, cancellationToken);
}
