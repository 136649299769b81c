namespace SchemaGen;

/// <summary>Work a dataset's workers do on each parsed batch, into an output pooled with the batch.</summary>
internal abstract class BatchStage<TBatch>
{
    public abstract object CreateOutput(int capacity);

    public abstract void Run(TBatch batch, object output, long epoch, long batchIndex, int batchSize);

    public static void Release(object? output) => (output as IDisposable)?.Dispose();
}
