namespace SchemaGen.Datasets;

/// <summary>
/// A batch lent to the consumer with its stage's output and its position; both stay the source's, valid until the
/// consumer takes the next.
/// </summary>
internal readonly struct BatchLease<TBatch, TOutput>(TBatch batch, TOutput output, long epoch, long index)
{
    public TBatch Batch { get; } = batch;

    public TOutput Output { get; } = output;

    /// <summary>The epoch the batch belongs to.</summary>
    public long Epoch { get; } = epoch;

    /// <summary>The batch's number within its epoch, from 0.</summary>
    public long Index { get; } = index;
}
