namespace SchemaGen;

/// <summary>Where a <see cref="BatchReader{TBatch}"/> gets its batches: in the caller's thread, or from workers.</summary>
internal interface IBatchSource<TBatch> : IDisposable
    where TBatch : class
{
    /// <summary>
    /// Returns the previous batch to the pool and takes the next, in order. With <paramref name="block"/> it waits
    /// and never answers <see cref="BatchTake.Wait"/>; without, it answers <see cref="BatchTake.Wait"/> with a
    /// <paramref name="wait"/> to await. <paramref name="output"/> is the batch's stage output (null without a stage). Throws the error of the batch it reached (or of reading) and
    /// <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    BatchTake Take(bool block, out TBatch? batch, out object? output, out long epoch, out long index, out ValueTask wait);

    /// <summary>Stops every worker and waits for them to exit, without blocking a thread.</summary>
    ValueTask DisposeAsync();
}
