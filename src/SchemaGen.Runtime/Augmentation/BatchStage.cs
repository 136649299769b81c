namespace SchemaGen;

/// <summary>Work a dataset's workers do on each parsed batch, into an output pooled with the batch.</summary>
internal abstract class BatchStage<TBatch>
{
    public abstract object CreateOutput(int capacity);

    public abstract void Run(TBatch batch, object output, long epoch, long batchIndex, int batchSize);

    /// <summary>Waits for work <see cref="Run"/> left running, on the consumer's thread, before the batch is handed out.</summary>
    public abstract void Complete(object output);

    public static void Release(object? output) => (output as IDisposable)?.Dispose();
}
