using SchemaGen.Schema;

namespace SchemaGen.Datasets;

/// <summary>Reads and parses each batch in the caller's thread when asked (no prefetch): no threads, one batch.</summary>
internal sealed class InlineBatchSource<TBatch, TOutput>(
    RecordPipeline pipeline, BatchWork<TBatch, TOutput> work, int batchSize, CancellationToken cancellationToken)
    : IBatchSource<TBatch, TOutput>
    where TBatch : class, ITfExampleBatch<TBatch>
{
    private readonly BatchSlot<TBatch, TOutput> _slot = new(batchSize, work.Stage);

    public BatchTake Take(bool block, out BatchLease<TBatch, TOutput> lease)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lease = default;
        try
        {
            if (!pipeline.TryFill(_slot.Raw, cancellationToken))
            {
                return BatchTake.End;
            }

            work.Parse(_slot);
            lease = _slot.Lease;
            return BatchTake.Batch;
        }
        finally
        {
            // Parse hands the records back; this covers a fill that failed or ended part-way.
            _slot.Raw.Release(work.Pool);
        }
    }

    public ValueTask WhenReady() => default;

    public void Dispose()
    {
        _slot.Release(work.Pool);
        pipeline.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }
}
