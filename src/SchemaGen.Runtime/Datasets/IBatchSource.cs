namespace SchemaGen.Datasets;

/// <summary>Where a <see cref="BatchReader{TBatch}"/> gets its batches: in the caller's thread, or from workers.</summary>
internal interface IBatchSource<TBatch, TOutput> : IDisposable, IAsyncDisposable
{
    /// <summary>
    /// Returns the lent batch to the pool and takes the next, in order. With <paramref name="block"/> it waits and
    /// never answers <see cref="BatchTake.Wait"/>; without, <see cref="BatchTake.Wait"/> means: await
    /// <see cref="WhenReady"/>, then take again. Throws the error of the batch it reached (or of reading) and
    /// <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    BatchTake Take(bool block, out BatchLease<TBatch, TOutput> lease);

    /// <summary>Completes when <see cref="Take"/> would not answer <see cref="BatchTake.Wait"/>.</summary>
    ValueTask WhenReady();
}
