using SchemaGen.Datasets;
using SchemaGen.Schema;

namespace SchemaGen.Augmentation;

/// <summary>
/// One pass over an <see cref="AugmentedDataset{TBatch, TOutput}"/>: a <see cref="BatchReader{TBatch}"/> whose
/// current batch comes with its augmented images. Both are lent until the next move.
/// </summary>
/// <typeparam name="TBatch">The generated batch type.</typeparam>
/// <typeparam name="TOutput">The augmented images' type.</typeparam>
public sealed class AugmentedBatchReader<TBatch, TOutput> : IEnumerator<AugmentedBatch<TBatch, TOutput>>, IAsyncEnumerator<AugmentedBatch<TBatch, TOutput>>
    where TBatch : class, ITfExampleBatch<TBatch>
    where TOutput : class
{
    // The moves, checkpoint and disposal forward to the pass as BatchReader's do: one public reader per item type.
    private readonly BatchPass<TBatch, TOutput> _pass;

    internal AugmentedBatchReader(BatchPass<TBatch, TOutput> pass) => (_pass, Reader) = (pass, new BatchReader<TBatch>(pass));

    /// <summary>The underlying reader (checkpoints, damage counts).</summary>
    public BatchReader<TBatch> Reader { get; }

    /// <summary>The current batch and its images.</summary>
    public AugmentedBatch<TBatch, TOutput> Current => new(_pass.Lent.Batch, _pass.Lent.Output);

    object System.Collections.IEnumerator.Current => Current;

    /// <summary>Moves to the next batch (see <see cref="BatchReader{TBatch}.MoveNext"/>).</summary>
    /// <returns>False at the end of the last epoch.</returns>
    public bool MoveNext() => _pass.MoveNext();

    /// <summary>Moves to the next batch without blocking a thread.</summary>
    /// <returns>False at the end of the last epoch.</returns>
    public ValueTask<bool> MoveNextAsync() => _pass.MoveNextAsync();

    /// <summary>The position after the batch last returned (see <see cref="BatchReader{TBatch}.GetCheckpoint"/>).</summary>
    /// <returns>The checkpoint.</returns>
    public DatasetCheckpoint GetCheckpoint() => _pass.GetCheckpoint();

    /// <summary>Stops the workers and returns every pooled buffer and output.</summary>
    public void Dispose() => _pass.Dispose();

    /// <summary>Stops the workers without blocking a thread, then returns every pooled buffer and output.</summary>
    /// <returns>A task that completes when every worker has exited.</returns>
    public ValueTask DisposeAsync() => _pass.DisposeAsync();

    void System.Collections.IEnumerator.Reset() => throw new NotSupportedException("Open a new reader to read again.");
}
