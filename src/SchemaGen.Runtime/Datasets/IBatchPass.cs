namespace SchemaGen.Datasets;

/// <summary>A <see cref="BatchPass{TBatch, TOutput}"/> seen without its stage's output: what a <see cref="BatchReader{TBatch}"/> shows.</summary>
internal interface IBatchPass<TBatch> : IDisposable, IAsyncDisposable
    where TBatch : class
{
    TBatch Current { get; }

    DamageLog Log { get; }

    /// <summary>The batch source (for tests: its threads).</summary>
    IAsyncDisposable Source { get; }

    bool MoveNext();

    ValueTask<bool> MoveNextAsync();

    DatasetCheckpoint GetCheckpoint();
}
