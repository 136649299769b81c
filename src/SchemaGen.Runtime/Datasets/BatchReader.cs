using System.Runtime.CompilerServices;

namespace SchemaGen;

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
    private readonly IBatchSource<TBatch> _source;
    private readonly RecordBufferPool _pool;
    private readonly DamageLog _log;
    private readonly DatasetFile[] _files;
    private readonly Func<ulong> _fingerprint;
    private readonly BatchStage<TBatch>? _stage;
    private TBatch? _current;
    private object? _currentOutput;
    private long _nextEpoch;
    private long _nextBatch;
    private Exception? _fault;
    private bool _ended;
    private bool _disposed;

    internal BatchReader(BatchDataset<TBatch> dataset, DatasetCheckpoint? resumeFrom, CancellationToken cancellationToken)
    {
        var settings = dataset.Settings;
        _stage = dataset.Stage;
        var files = _files = settings.OpenFiles();
        _fingerprint = () => DatasetCheckpoint.Fingerprint(settings.Describe(files, dataset.BatchSize, dataset.DropRemainder));
        (long Epoch, long Batch)? resumeAt = null;
        if (resumeFrom is not null)
        {
            if (resumeFrom.DatasetFingerprint != _fingerprint())
            {
                throw new ArgumentException(
                    "The checkpoint was saved by a reader of another dataset: the files, their sizes, the seeds, the stages or the batch size differ.",
                    nameof(resumeFrom));
            }

            resumeAt = (resumeFrom.Epoch, resumeFrom.BatchInEpoch);
            (_nextEpoch, _nextBatch) = resumeAt.Value;
        }

        _pool = new RecordBufferPool();
        _log = new DamageLog();
        var pipeline = new RecordPipeline(settings, files, _pool, _log, dataset.DropRemainder, resumeAt);
        _source = dataset.UsesWorkers
            ? new Prefetcher<TBatch>(pipeline, _pool, files, dataset.BatchSize, dataset.PrefetchCount, dataset.MaxDegreeOfParallelism, dataset.Stage, cancellationToken)
            : new InlineBatchSource<TBatch>(pipeline, _pool, files, dataset.BatchSize, dataset.Stage, cancellationToken);
    }

    /// <summary>The batch the last <see cref="MoveNext"/> gave; lent until the next call.</summary>
    public TBatch Current => _current ?? throw new InvalidOperationException("There is no current batch: call MoveNext first, and check that it returned true.");

    object System.Collections.IEnumerator.Current => Current;

    /// <summary>
    /// Records skipped under <see cref="DamagePolicy.SkipRecord"/> for a bad data checksum, so far. Reading runs
    /// ahead of the batches handed out, so this counts what the reader has read, not only what it has returned.
    /// </summary>
    public long SkippedRecords => _log.SkippedRecords;

    /// <summary>Files (file reads: once per epoch) that a skip policy ended early because of damage, so far.</summary>
    public long SkippedFiles => _log.SkippedFiles;

    /// <summary>The damage the policy stepped over, in the order found, so far.</summary>
    public IReadOnlyList<TfRecordException> Damage => _log.Damage;

    internal IBatchSource<TBatch> Source => _source;

    /// <summary>What the dataset's stage made of <see cref="Current"/> (its augmented images), lent with it.</summary>
    internal object? CurrentOutput => _currentOutput;

    /// <summary>Moves to the next batch, waiting for it if the workers have not finished it.</summary>
    /// <returns>False at the end of the last epoch.</returns>
    /// <exception cref="TfRecordException">A file is damaged (policy <see cref="DamagePolicy.Throw"/>).</exception>
    /// <exception cref="DatasetParseException">A record of this batch does not fit the schema.</exception>
    /// <exception cref="OperationCanceledException">The reader's cancellation token was cancelled.</exception>
    public bool MoveNext()
    {
        if (!CanMove())
        {
            return false;
        }

        try
        {
            return Took(_source.Take(block: true, out var batch, out var output, out long epoch, out long index, out _), batch, output, epoch, index);
        }
        catch (Exception exception)
        {
            // Errors are sticky: the batches after a failed one would not be the ones an uninterrupted run gives.
            _fault = exception;
            throw;
        }
    }

    /// <summary>Moves to the next batch, awaiting it without blocking a thread.</summary>
    /// <returns>False at the end of the last epoch.</returns>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> MoveNextAsync()
    {
        if (!CanMove())
        {
            return false;
        }

        try
        {
            while (true)
            {
                var take = _source.Take(block: false, out var batch, out var output, out long epoch, out long index, out var wait);
                if (take != BatchTake.Wait)
                {
                    return Took(take, batch, output, epoch, index);
                }

                await wait.ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            // Errors are sticky: the batches after a failed one would not be the ones an uninterrupted run gives.
            _fault = exception;
            throw;
        }
    }

    /// <summary>
    /// The position after the batch last returned: a reader opened with it (on the same dataset) yields exactly the
    /// batches this one would yield next.
    /// </summary>
    /// <returns>The checkpoint.</returns>
    public DatasetCheckpoint GetCheckpoint() => new(_nextEpoch, _nextBatch, _fingerprint());

    /// <summary>Stops the workers, waits for them to exit, and returns every pooled buffer.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _current = null;
        _currentOutput = null;
        _source.Dispose();
        ReleaseFiles();
    }

    /// <summary>Stops the workers and waits for them to exit without blocking a thread, then returns every pooled buffer.</summary>
    /// <returns>A task that completes when every worker has exited.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _current = null;
        _currentOutput = null;
        await _source.DisposeAsync().ConfigureAwait(false);
        ReleaseFiles();
    }

    private void ReleaseFiles()
    {
        _pool.Dispose();
        foreach (var file in _files)
        {
            file.Dispose();
        }
    }

    void System.Collections.IEnumerator.Reset() => throw new NotSupportedException("Open a new reader to read again.");

    private bool CanMove()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_fault is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_fault);
        }

        _current = null;
        _currentOutput = null;
        return !_ended;
    }

    private bool Took(BatchTake take, TBatch? batch, object? output, long epoch, long index)
    {
        if (take == BatchTake.End)
        {
            _ended = true;
            return false;
        }

        if (output is not null)
        {
            _stage!.Complete(output);
        }

        _current = batch;
        _currentOutput = output;
        (_nextEpoch, _nextBatch) = (epoch, index + 1);
        return true;
    }
}
