namespace SchemaGen.Datasets;

/// <summary>
/// Work a dataset's workers do on each parsed batch, into an output pooled with the batch and lent with it: image
/// decoding (the <c>SchemaGen.Imaging</c> package), augmentation, or your own. Plug one in with
/// <see cref="Augmentation.BatchDatasetAugmentation.WithStage{TBatch, TOutput}"/>; the batches, their order, parallelism and checkpoints
/// stay those of the dataset.
/// </summary>
/// <typeparam name="TBatch">The generated batch type.</typeparam>
/// <typeparam name="TOutput">What the stage makes of a batch.</typeparam>
/// <remarks>
/// A reader creates one output per pooled batch (<see cref="CreateOutput"/>) and reuses it, so <see cref="Run"/> should
/// write into the output it is given and allocate nothing. Workers call <see cref="Run"/> concurrently, each with its
/// own batch and output. For results that do not depend on the threads, derive any randomness from
/// <see cref="BatchStageContext.Epoch"/> and the rows' indexes (<see cref="BatchStageContext.FirstRow"/> + row).
/// A row whose data the stage cannot use (an undecodable image) is rejected with
/// <see cref="BatchStageContext.RejectRow"/>, and the dataset's <see cref="DamagePolicy"/> decides what happens.
/// </remarks>
public interface IBatchStage<in TBatch, TOutput>
{
    /// <summary>Creates an output for batches of up to <paramref name="capacity"/> rows; once per pooled batch.</summary>
    /// <param name="capacity">The batch size.</param>
    /// <returns>The output, reused for batch after batch.</returns>
    TOutput CreateOutput(int capacity);

    /// <summary>Runs on a worker right after the batch is parsed.</summary>
    /// <param name="batch">The parsed batch (its <c>Count</c> rows; 0 when every record was rejected).</param>
    /// <param name="output">The output lent with this batch.</param>
    /// <param name="context">The batch's position, and where to reject rows.</param>
    void Run(TBatch batch, TOutput output, BatchStageContext context);

    /// <summary>
    /// Waits for work <see cref="Run"/> left running (a device's queue), on the consumer's thread, just before the
    /// batch is handed out. Does nothing unless overridden.
    /// </summary>
    /// <param name="output">The output <see cref="Run"/> last wrote.</param>
    void Complete(TOutput output)
    {
    }

    /// <summary>Frees an output when its reader is disposed; disposes an <see cref="IDisposable"/> one unless overridden.</summary>
    /// <param name="output">The output.</param>
    void Release(TOutput output) => (output as IDisposable)?.Dispose();
}
