namespace SchemaGen.Datasets;

/// <summary>
/// A batch lent to the consumer with its stage's output, its position and the records its stage rejected and the
/// policy skipped; all stay the source's, valid until the consumer takes the next.
/// </summary>
internal readonly struct BatchLease<TBatch, TOutput>(TBatch batch, TOutput output, long epoch, long index, List<TfRecordException>? skipped)
{
    public TBatch Batch { get; } = batch;

    public TOutput Output { get; } = output;

    /// <summary>The epoch the batch belongs to.</summary>
    public long Epoch { get; } = epoch;

    /// <summary>The batch's number within its epoch, from 0.</summary>
    public long Index { get; } = index;

    /// <summary>The records of this batch its stage rejected, left out under a skip policy; null or empty when none.</summary>
    public List<TfRecordException>? Skipped { get; } = skipped;
}
