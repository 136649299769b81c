namespace SchemaGen.Datasets;

/// <summary>
/// The reading side of a batch reader, run by one thread: epochs → file queue → interleave (or global shuffle) →
/// shard balance → shuffle buffer → batches of raw records. Every random choice comes from the seeds and the epoch
/// number, so a position (epoch, batch) names the same records on every run.
/// </summary>
/// <remarks>
/// Epochs do not mix: the shuffle buffer drains at an epoch's end and the epoch's last batch may be short
/// (tf.data's <c>shuffle → batch → repeat</c>), so each epoch holds every record exactly once.
/// </remarks>
internal sealed class RecordPipeline : IDisposable
{
    private readonly DatasetSettings _settings;
    private readonly DatasetFile[] _files;
    private readonly FileQueue _queue;
    private readonly RecordBufferPool _pool;
    private readonly DamageLog _log;
    private readonly bool _dropRemainder;
    private readonly ShuffleBuffer? _shuffle;
    private IRecordStream? _stream;
    private Interleaver? _interleaver;
    private GlobalShuffler? _globalShuffler;
    private BalancedRecordStream? _balanced;
    private EpochPlan _plan;
    private bool _streamEnded;
    private long _epoch;
    private long _batchInEpoch;
    private (long Epoch, long Batch)? _resumeAt;
    private bool _finished;

    public RecordPipeline(
        DatasetSettings settings, DatasetFile[] files, RecordBufferPool pool, DamageLog log, bool dropRemainder, (long Epoch, long Batch)? resumeAt)
    {
        _settings = settings;
        _files = files;
        _queue = new FileQueue(files, settings);
        _pool = pool;
        _log = log;
        _dropRemainder = dropRemainder;
        _resumeAt = resumeAt;
        if (settings.ShuffleBufferSize > 0)
        {
            _shuffle = new ShuffleBuffer(settings.ShuffleBufferSize, pool);
        }
    }

    /// <summary>Fills <paramref name="batch"/> (empty on entry) with the next batch's records; false at the end.</summary>
    public bool TryFill(RawBatch batch, CancellationToken cancellationToken)
    {
        if (_resumeAt is { } resumeAt)
        {
            _resumeAt = null;
            SkipTo(resumeAt.Epoch, resumeAt.Batch, batch, cancellationToken);
        }

        while (!_finished)
        {
            if (_stream is null && !StartEpoch())
            {
                break;
            }

            while (!batch.IsFull && TryNextRecord(out var record))
            {
                batch.Add(record);
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (batch.IsFull || (batch.Count > 0 && !_dropRemainder))
            {
                batch.Epoch = _epoch;
                batch.Index = _batchInEpoch++;
                if (!batch.IsFull)
                {
                    EndEpoch();
                }

                return true;
            }

            // The epoch ended with no (kept) batch left; one that gave no batch at all would give none forever.
            batch.Release(_pool);
            _finished = _batchInEpoch == 0;
            EndEpoch();
        }

        _finished = true;
        return false;
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
        _globalShuffler?.Close();
        _shuffle?.Dispose();
    }

    // A checkpoint names a position; replaying the epoch up to it rebuilds the shuffle buffer exactly.
    private void SkipTo(long epoch, long batchIndex, RawBatch scratch, CancellationToken cancellationToken)
    {
        _epoch = epoch;
        for (long i = 0; i < batchIndex; i++)
        {
            bool filled = TryFill(scratch, cancellationToken);
            scratch.Release(_pool);
            if (!filled || scratch.Epoch != epoch || scratch.Index != i)
            {
                throw new InvalidOperationException(
                    $"The checkpoint's position (epoch {epoch}, batch {batchIndex}) is past the end of that epoch: the data changed since it was saved.");
            }
        }
    }

    private bool StartEpoch()
    {
        if (_settings.Epochs is int epochs && _epoch >= epochs)
        {
            return false;
        }

        _plan = _queue.Plan(_epoch);
        _stream = _plan.TargetRecords is long target
            ? (_balanced ??= new BalancedRecordStream(OpenPlanned, _settings.ShardBalance == ShardBalance.Pad)).Start(target)
            : OpenPlanned();
        _streamEnded = false;
        _batchInEpoch = 0;
        _shuffle?.Reset(SplitMix64.Derive(_settings.ShuffleSeed, DatasetRandomStream.ShuffleBuffer, _settings.ReshuffleEachIteration ? _epoch : 0));
        return true;
    }

    // The current epoch's plan, from its start (a balanced stream opens it again to pad).
    private IRecordStream OpenPlanned() => _settings.GlobalShuffleSeed is long seed
        ? (_globalShuffler ??= new GlobalShuffler(_files, _log)).Start(
            _plan.Shards, SplitMix64.Derive(seed, DatasetRandomStream.GlobalPermutation, _settings.GlobalReshuffleEachIteration ? _epoch : 0))
        : (_interleaver ??= new Interleaver(_files, _settings.CycleLength, _settings.BlockLength, _log)).Start(_plan.Shards);

    private void EndEpoch()
    {
        _stream?.Dispose();
        _stream = null;
        _epoch++;
    }

    private bool TryNextRecord(out PooledRecord record)
    {
        if (_shuffle is null)
        {
            if (_stream!.TryNext(out var view))
            {
                record = _pool.Keep(view);
                return true;
            }

            record = default;
            return false;
        }

        while (!_streamEnded && !_shuffle.IsFull)
        {
            if (_stream!.TryNext(out var view))
            {
                _shuffle.Add(view);
            }
            else
            {
                _streamEnded = true;
            }
        }

        if (_shuffle.Count == 0)
        {
            record = default;
            return false;
        }

        record = _shuffle.TakeRandom();
        return true;
    }
}
