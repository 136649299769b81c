namespace SchemaGen.Datasets;

/// <summary>
/// Makes a worker's epoch exactly <c>target</c> records long, so every worker yields the same number of batches:
/// it stops early (<see cref="ShardBalance.Drop"/>) or starts its own stream over until the count is reached
/// (<see cref="ShardBalance.Pad"/>; the padding repeats the worker's first records). One serves every epoch.
/// </summary>
internal sealed class BalancedRecordStream(Func<IRecordStream> open, bool pad) : IRecordStream
{
    private IRecordStream? _stream;
    private long _target;
    private long _produced;
    private long _producedThisPass;

    /// <summary>Opens the epoch's stream and counts <paramref name="target"/> records from it.</summary>
    public BalancedRecordStream Start(long target)
    {
        _stream = open();
        (_target, _produced, _producedThisPass) = (target, 0, 0);
        return this;
    }

    public bool TryNext(out RecordView record)
    {
        while (_produced < _target)
        {
            if (_stream!.TryNext(out record))
            {
                _produced++;
                _producedThisPass++;
                return true;
            }

            if (!pad)
            {
                break;
            }

            if (_producedThisPass == 0)
            {
                throw new InvalidOperationException(
                    "ShardBalance.Pad cannot pad this worker's shard: it has no records to repeat. Use fewer workers or ShardBalance.Drop.");
            }

            _stream.Dispose();
            _stream = open();
            _producedThisPass = 0;
        }

        record = default;
        return false;
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
    }
}
