namespace SchemaGen;

/// <summary>
/// tf.data's deterministic <c>interleave</c>: keeps <c>cycleLength</c> shards open and takes <c>blockLength</c>
/// records from each in turn; a shard that ends frees its place in the cycle, which the next shard in the queue
/// takes when the cycle comes back to it. A cycle of 1 reads the shards one after another.
/// </summary>
internal sealed class Interleaver(
    DatasetFile[] files, RecordShard[] shards, int cycleLength, int blockLength, DamageLog log) : IRecordStream
{
    private readonly RecordCursor?[] _cycle = new RecordCursor?[Math.Max(1, Math.Min(cycleLength, shards.Length))];
    private int _nextShard;
    private int _cycleIndex;
    private int _blockIndex;
    private int _open;

    public bool TryNext(out RecordView record)
    {
        while (_open > 0 || _nextShard < shards.Length)
        {
            ref var cursor = ref _cycle[_cycleIndex];
            if (cursor is null)
            {
                if (_nextShard == shards.Length)
                {
                    Advance();
                    continue;
                }

                var shard = shards[_nextShard++];
                cursor = files[shard.FileIndex].Open(shard, log);
                _open++;
            }

            if (cursor.TryReadNext(out record))
            {
                if (++_blockIndex == blockLength)
                {
                    Advance();
                }

                return true;
            }

            cursor.Dispose();
            cursor = null;
            _open--;
            Advance();
        }

        record = default;
        return false;
    }

    public void Dispose()
    {
        for (int i = 0; i < _cycle.Length; i++)
        {
            _cycle[i]?.Dispose();
            _cycle[i] = null;
        }

        _open = 0;
    }

    private void Advance()
    {
        _blockIndex = 0;
        _cycleIndex = _cycleIndex + 1 == _cycle.Length ? 0 : _cycleIndex + 1;
    }
}
