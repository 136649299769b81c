namespace SchemaGen.Datasets;

/// <summary>
/// Work a dataset's workers do on each parsed batch, into an output pooled with the batch and lent with it. The
/// dataset knows only this interface: augmentation (and image decoding) plug in from their own folders.
/// </summary>
/// <typeparam name="TBatch">The generated batch type.</typeparam>
/// <typeparam name="TOutput">What the stage makes of a batch.</typeparam>
internal interface IBatchStage<in TBatch, TOutput>
{
    /// <summary>Creates an output for batches of up to <paramref name="capacity"/> rows; once per pooled batch.</summary>
    TOutput CreateOutput(int capacity);

    /// <summary>Runs on a worker right after the batch is parsed; <paramref name="firstRow"/> is its first row's index in the epoch.</summary>
    void Run(TBatch batch, TOutput output, long epoch, long firstRow);

    /// <summary>Waits for work <see cref="Run"/> left running, on the consumer's thread, before the batch is handed out.</summary>
    void Complete(TOutput output);

    /// <summary>Frees an output when its reader is disposed.</summary>
    void Release(TOutput output);
}
