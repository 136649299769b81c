namespace SchemaGen;

/// <summary>Reads and parses each batch in the caller's thread when asked (no prefetch): no threads, one batch.</summary>
internal sealed class InlineBatchSource<TBatch>(
    RecordPipeline pipeline, RecordBufferPool pool, DatasetFile[] files, int batchSize, BatchStage<TBatch>? stage, CancellationToken cancellationToken)
    : IBatchSource<TBatch>
    where TBatch : class, ITfExampleBatch<TBatch>
{
    private readonly RawBatch _raw = new(batchSize);
    private readonly TBatch _batch = TBatch.Create(batchSize);
    private readonly object? _output = stage?.CreateOutput(batchSize);

    public BatchTake Take(bool block, out TBatch? batch, out object? output, out long epoch, out long index, out ValueTask wait)
    {
        wait = default;
        output = null;
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            if (!pipeline.TryFill(_raw, cancellationToken))
            {
                (batch, epoch, index) = (null, 0, 0);
                return BatchTake.End;
            }

            BatchParser.Parse(_raw, _batch, files);
            stage?.Run(_batch, _output!, _raw.Epoch, _raw.Index, batchSize);
            output = _output;
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
        BatchStage<TBatch>.Release(_output);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }
}
