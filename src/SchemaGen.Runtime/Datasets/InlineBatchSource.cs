namespace SchemaGen;

/// <summary>Reads and parses each batch in the caller's thread when asked (no prefetch): no threads, one batch.</summary>
internal sealed class InlineBatchSource<TBatch>(
    RecordPipeline pipeline, RecordBufferPool pool, DatasetFile[] files, int batchSize, CancellationToken cancellationToken)
    : IBatchSource<TBatch>
    where TBatch : class, ITfExampleBatch<TBatch>
{
    private readonly RawBatch _raw = new(batchSize);
    private readonly TBatch _batch = TBatch.Create(batchSize);

    public BatchTake Take(bool block, out TBatch? batch, out long epoch, out long index, out ValueTask wait)
    {
        wait = default;
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            if (!pipeline.TryFill(_raw, cancellationToken))
            {
                (batch, epoch, index) = (null, 0, 0);
                return BatchTake.End;
            }

            BatchParser.Parse(_raw, _batch, files);
            (batch, epoch, index) = (_batch, _raw.Epoch, _raw.Index);
            return BatchTake.Batch;
        }
        finally
        {
            _raw.Release(pool);
        }
    }

    public void Dispose()
    {
        _raw.Release(pool);
        pipeline.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }
}
