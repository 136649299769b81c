namespace SchemaGen;

/// <summary>
/// Makes a worker's epoch exactly <c>target</c> records long, so every worker yields the same number of batches:
/// it stops early (<see cref="ShardBalance.Drop"/>) or starts its own stream over until the count is reached
/// (<see cref="ShardBalance.Pad"/>; the padding repeats the worker's first records).
/// </summary>
internal sealed class BalancedRecordStream(Func<IRecordStream> open, long target, bool pad) : IRecordStream
{
    private IRecordStream _stream = open();
    private long _produced;
    private long _producedThisPass;

    public bool TryNext(out RecordView record)
    {
        while (_produced < target)
        {
            if (_stream.TryNext(out record))
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

    public void Dispose() => _stream.Dispose();
}
