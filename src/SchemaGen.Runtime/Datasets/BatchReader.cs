using SchemaGen.Schema;

namespace SchemaGen.Datasets;

/// <summary>
/// One pass over a <see cref="BatchDataset{TBatch}"/>: typed batches in order, with the state to resume from
/// (<see cref="GetCheckpoint"/>). Use it through <c>foreach</c>/<c>await foreach</c> on the dataset, or directly:
/// <code>
/// using var reader = batches.Open(checkpoint); // null to start from the beginning
/// while (reader.MoveNext())
/// {
///     Train(reader.Current);
///     if (step++ % 1000 == 0) File.WriteAllBytes("input.ckpt", reader.GetCheckpoint().ToBytes());
/// }
/// </code>
/// </summary>
/// <typeparam name="TBatch">The generated batch type, <c>T.Batch</c>.</typeparam>
/// <remarks>
/// <see cref="Current"/> is lent: it stays valid until the next <see cref="MoveNext"/>/<see cref="MoveNextAsync"/>,
/// which returns it to the reader's pool (batches are allocated once per reader and reused). <see cref="Dispose"/>
/// stops every worker thread, waits for it to exit, and returns all buffers. An error of a batch (a damaged file under
/// <see cref="DamagePolicy.Throw"/>, a record that does not parse) is thrown when that batch would have come, and
/// again by every later call. Not thread-safe: one consumer.
/// </remarks>
public sealed class BatchReader<TBatch> : IEnumerator<TBatch>, IAsyncEnumerator<TBatch>
    where TBatch : class, ITfExampleBatch<TBatch>
{
    private readonly IBatchPass<TBatch> _pass;

    internal BatchReader(IBatchPass<TBatch> pass) => _pass = pass;

    /// <summary>The batch the last <see cref="MoveNext"/> gave; lent until the next call.</summary>
    public TBatch Current => _pass.Current;

    object System.Collections.IEnumerator.Current => Current;

    /// <summary>
    /// Records skipped under <see cref="DamagePolicy.SkipRecord"/> for a bad data checksum, so far, and records a
    /// stage rejected (an image that does not decode, see <see cref="BatchStageContext"/>) under either skip policy.
    /// Reading runs ahead of the batches handed out, so the first count what the reader has read, not only what it
    /// has returned; the rejected ones are counted as their batch is handed out.
    /// </summary>
    public long SkippedRecords => _pass.Log.SkippedRecords;

    /// <summary>Files (file reads: once per epoch) that a skip policy ended early because of damage, so far.</summary>
    public long SkippedFiles => _pass.Log.SkippedFiles;

    /// <summary>The damage the policy stepped over, so far: a file's in the order found, a rejected record's as its batch is handed out.</summary>
    public IReadOnlyList<TfRecordException> Damage => _pass.Log.Damage;

    internal IAsyncDisposable Source => _pass.Source;

    /// <summary>Moves to the next batch, waiting for it if the workers have not finished it.</summary>
    /// <returns>False at the end of the last epoch.</returns>
    /// <exception cref="TfRecordException">A file is damaged, or a stage rejected a record of this batch (policy <see cref="DamagePolicy.Throw"/>).</exception>
    /// <exception cref="DatasetParseException">A record of this batch does not fit the schema.</exception>
    /// <exception cref="OperationCanceledException">The reader's cancellation token was cancelled.</exception>
    public bool MoveNext() => _pass.MoveNext();

    /// <summary>Moves to the next batch, awaiting it without blocking a thread.</summary>
    /// <returns>False at the end of the last epoch.</returns>
    public ValueTask<bool> MoveNextAsync() => _pass.MoveNextAsync();

    /// <summary>
    /// The position after the batch last returned: a reader opened with it (on the same dataset) yields exactly the
    /// batches this one would yield next.
    /// </summary>
    /// <returns>The checkpoint.</returns>
    public DatasetCheckpoint GetCheckpoint() => _pass.GetCheckpoint();

    /// <summary>Stops the workers, waits for them to exit, and returns every pooled buffer.</summary>
    public void Dispose() => _pass.Dispose();

    /// <summary>Stops the workers and waits for them to exit without blocking a thread, then returns every pooled buffer.</summary>
    /// <returns>A task that completes when every worker has exited.</returns>
    public ValueTask DisposeAsync() => _pass.DisposeAsync();

    void System.Collections.IEnumerator.Reset() => throw new NotSupportedException("Open a new reader to read again.");
}
