namespace SchemaGen.Datasets;

/// <summary>
/// tf.data's deterministic <c>interleave</c>: keeps <c>cycleLength</c> shards open and takes <c>blockLength</c>
/// records from each in turn; a shard that ends frees its place in the cycle, which the next shard in the queue
/// takes when the cycle comes back to it. A cycle of 1 reads the shards one after another.
/// </summary>
/// <remarks>One instance serves every epoch of a pipeline: <see cref="Start"/> takes the epoch's shards.</remarks>
internal sealed class Interleaver(DatasetFile[] files, int cycleLength, int blockLength, DamageLog log) : IRecordStream
{
    private readonly RecordCursor?[] _cycle = new RecordCursor?[Math.Max(1, Math.Min(cycleLength, files.Length))];
    private RecordShard[] _shards = [];
    private int _cycleSize = 1;
    private int _nextShard;
    private int _cycleIndex;
    private int _blockIndex;
    private int _open;

    /// <summary>Begins an epoch over <paramref name="shards"/>; the previous epoch's cursors must be closed (<see cref="Dispose"/>).</summary>
    public Interleaver Start(RecordShard[] shards)
    {
        System.Diagnostics.Debug.Assert(_open == 0, "The previous epoch's cursors are closed.");
        _shards = shards;
        _cycleSize = Math.Max(1, Math.Min(_cycle.Length, shards.Length));
        _nextShard = _cycleIndex = _blockIndex = 0;
        return this;
    }

    public bool TryNext(out RecordView record)
    {
        while (_open > 0 || _nextShard < _shards.Length)
        {
            ref var cursor = ref _cycle[_cycleIndex];
            if (cursor is null)
            {
                if (_nextShard == 0 && _cycleSize > 1)
                {
                    OpenFirstCycle();
                    continue;
                }

                if (_nextShard == _shards.Length)
                {
                    Advance();
                    continue;
                }

                var shard = _shards[_nextShard++];
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

    /// <summary>Closes the epoch's open cursors.</summary>
    public void Dispose()
    {
        for (int i = 0; i < _cycle.Length; i++)
        {
            _cycle[i]?.Dispose();
            _cycle[i] = null;
        }

        _open = 0;
    }

    // The epoch's first cycle, in the slots and order the cycle would open it; objects at once, since opening one waits
    // a round trip for its first bytes (local files one after another, as before).
    private void OpenFirstCycle()
    {
        if (!OnlyObjects(_shards.AsSpan(0, _cycleSize)))
        {
            var first = _shards[_nextShard++];
            _cycle[0] = files[first.FileIndex].Open(first, log);
            _open++;
            return;
        }

        var opening = _shards.AsSpan(0, _cycleSize).ToArray().Select(shard => Task.Run(() => files[shard.FileIndex].Open(shard, log))).ToArray();
        try
        {
            Task.WaitAll(opening);
        }
        catch (AggregateException)
        {
            foreach (var task in opening.Where(t => t.IsCompletedSuccessfully))
            {
                task.Result.Dispose();
            }

            // The first shard's failure, as opening them in turn would have thrown it.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(opening.First(t => t.IsFaulted).Exception!.InnerException!);
        }

        for (int i = 0; i < opening.Length; i++)
        {
            _cycle[i] = opening[i].Result;
        }

        _nextShard = _open = opening.Length;
    }

    private bool OnlyObjects(ReadOnlySpan<RecordShard> shards)
    {
        foreach (var shard in shards)
        {
            if (files[shard.FileIndex] is not ObjectDatasetFile)
            {
                return false;
            }
        }

        return true;
    }

    private void Advance()
    {
        _blockIndex = 0;
        _cycleIndex = _cycleIndex + 1 == _cycleSize ? 0 : _cycleIndex + 1;
    }
}
