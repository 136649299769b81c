using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using SchemaGen.Schema;

namespace SchemaGen.Datasets;

/// <summary>
/// One pass over a <see cref="BatchDataset{TBatch}"/> through a stage: the files, the record pipeline and the batch
/// source it feeds, the lent batch, and the position to checkpoint. <see cref="BatchReader{TBatch}"/> and a stage's
/// own reader (the augmented one) are views of it.
/// </summary>
internal sealed class BatchPass<TBatch, TOutput> : IBatchPass<TBatch>
    where TBatch : class, ITfExampleBatch<TBatch>
{
    private readonly IBatchSource<TBatch, TOutput> _source;
    private readonly IBatchStage<TBatch, TOutput> _stage;
    private readonly RecordBufferPool _pool;
    private readonly DatasetFile[] _files;
    private readonly Func<ulong> _fingerprint;
    private BatchLease<TBatch, TOutput> _lent;
    private long _nextEpoch;
    private long _nextBatch;
    private Exception? _fault;
    private bool _ended;
    private bool _disposed;

    public BatchPass(BatchDataset<TBatch> dataset, IBatchStage<TBatch, TOutput> stage, DatasetCheckpoint? resumeFrom, CancellationToken cancellationToken)
    {
        var settings = dataset.Settings;
        _stage = stage;
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

        _pool = new RecordBufferPool(files);
        Log = new DamageLog();
        var pipeline = new RecordPipeline(settings, files, _pool, Log, dataset.DropRemainder, resumeAt);
        var work = new BatchWork<TBatch, TOutput>(files, _pool, stage, settings.Policy);
        _source = dataset.UsesWorkers
            ? new Prefetcher<TBatch, TOutput>(pipeline, work, dataset.BatchSize, dataset.PrefetchCount, dataset.MaxDegreeOfParallelism, cancellationToken)
            : new InlineBatchSource<TBatch, TOutput>(pipeline, work, dataset.BatchSize, cancellationToken);
    }

    /// <summary>The lent batch with its output; until the next move.</summary>
    public BatchLease<TBatch, TOutput> Lent => _lent.Batch is null
        ? throw new InvalidOperationException("There is no current batch: call MoveNext first, and check that it returned true.")
        : _lent;

    public TBatch Current => Lent.Batch;

    public DamageLog Log { get; }

    public IAsyncDisposable Source => _source;

    public bool MoveNext()
    {
        if (!CanMove())
        {
            return false;
        }

        try
        {
            // A batch whose stage rejected every row is not handed out.
            while (true)
            {
                if (!Took(_source.Take(block: true, out var lease), lease))
                {
                    return false;
                }

                if (lease.Batch.Count > 0)
                {
                    return true;
                }
            }
        }
        catch (Exception exception)
        {
            // Errors are sticky: the batches after a failed one would not be the ones an uninterrupted run gives.
            _fault = exception;
            throw;
        }
    }

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
                var take = _source.Take(block: false, out var lease);
                if (take == BatchTake.Wait)
                {
                    await _source.WhenReady().ConfigureAwait(false);
                }
                else if (!Took(take, lease))
                {
                    return false;
                }
                else if (lease.Batch.Count > 0)
                {
                    return true;
                }
            }
        }
        catch (Exception exception)
        {
            _fault = exception;
            throw;
        }
    }

    public DatasetCheckpoint GetCheckpoint() => new(_nextEpoch, _nextBatch, _fingerprint());

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _lent = default;
        _source.Dispose();
        ReleaseFiles();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _lent = default;
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

    private bool CanMove()
    {
        ObjectDisposedException.ThrowIf(_disposed, typeof(BatchReader<TBatch>));
        if (_fault is not null)
        {
            ExceptionDispatchInfo.Throw(_fault);
        }

        _lent = default;
        return !_ended;
    }

    private bool Took(BatchTake take, in BatchLease<TBatch, TOutput> lease)
    {
        if (take == BatchTake.End)
        {
            _ended = true;
            return false;
        }

        _stage.Complete(lease.Output);
        if (lease.Skipped is { Count: > 0 } skipped)
        {
            Log.AddRejected(skipped);
        }

        _lent = lease;
        (_nextEpoch, _nextBatch) = (lease.Epoch, lease.Index + 1);
        return true;
    }
}
