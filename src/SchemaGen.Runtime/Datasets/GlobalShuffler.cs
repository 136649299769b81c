using System.Buffers;

namespace SchemaGen.Datasets;

/// <summary>
/// Visits every record of a worker's shards once, in a uniformly random permutation, reading each by its offset
/// from the files' indexes: memory holds the permutation (4 bytes a record) and the offsets, never the data.
/// </summary>
/// <remarks>
/// One instance serves every epoch of a pipeline: <see cref="Start"/> takes the epoch's shards and seed, and the
/// permutation's array and the open readers stay for the next epoch until <see cref="Close"/>.
/// </remarks>
internal sealed class GlobalShuffler(DatasetFile[] files, DamageLog log) : IRecordStream
{
    // Random reads touch every file; a bounded set of open readers keeps handles and buffers in check.
    private const int MaxOpenFiles = 16;

    private readonly Dictionary<int, (RandomRecordReader Reader, long LastUse)> _readers = [];
    private RecordShard[] _shards = [];
    private long[] _shardStarts = [0];
    private int[] _permutation = [];
    private int _count;
    private long _uses;
    private int _position;

    /// <summary>Begins an epoch over <paramref name="shards"/> in the permutation <paramref name="seed"/> draws.</summary>
    public GlobalShuffler Start(RecordShard[] shards, ulong seed)
    {
        _shards = shards;
        if (_shardStarts.Length != shards.Length + 1)
        {
            _shardStarts = new long[shards.Length + 1];
        }

        for (int i = 0; i < shards.Length; i++)
        {
            var shard = shards[i];
            long count = shard.Count >= 0 ? shard.Count : files[shard.FileIndex].CountRecords() - shard.First;
            _shardStarts[i + 1] = _shardStarts[i] + count;
        }

        long total = _shardStarts[^1];
        if (total > Array.MaxLength)
        {
            throw new NotSupportedException($"A global shuffle permutes at most {Array.MaxLength} records per worker; this one has {total}. Shard the dataset.");
        }

        _count = (int)total;
        if (_permutation.Length < _count)
        {
            ReturnPermutation();
            _permutation = ArrayPool<int>.Shared.Rent(_count);
        }

        var order = _permutation.AsSpan(0, _count);
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        new SplitMix64(seed).Shuffle(order);
        _position = 0;
        return this;
    }

    public bool TryNext(out RecordView record)
    {
        while (_position < _count)
        {
            long global = _permutation[_position++];
            int shardIndex = ShardOf(global);
            var shard = _shards[shardIndex];
            if (Reader(shard.FileIndex).TryRead(shard.First + global - _shardStarts[shardIndex], out record))
            {
                return true;
            }
        }

        record = default;
        return false;
    }

    /// <summary>Ends the epoch; the readers and the permutation's array stay for the next.</summary>
    public void Dispose() => _position = _count;

    /// <summary>Closes the readers and returns the permutation's array, when the pipeline ends.</summary>
    public void Close()
    {
        foreach (var (reader, _) in _readers.Values)
        {
            reader.Dispose();
        }

        _readers.Clear();
        ReturnPermutation();
    }

    private void ReturnPermutation()
    {
        if (_permutation.Length > 0)
        {
            ArrayPool<int>.Shared.Return(_permutation);
            _permutation = [];
        }
    }

    private int ShardOf(long global)
    {
        int index = Array.BinarySearch(_shardStarts, global);

        // An exact hit may be the start of an empty shard: the record belongs to the last shard starting there.
        if (index >= 0)
        {
            while (index + 1 < _shards.Length && _shardStarts[index + 1] == global)
            {
                index++;
            }

            return index;
        }

        return ~index - 1;
    }

    private RandomRecordReader Reader(int fileIndex)
    {
        long use = ++_uses;
        if (_readers.TryGetValue(fileIndex, out var open))
        {
            _readers[fileIndex] = (open.Reader, use);
            return open.Reader;
        }

        if (_readers.Count == MaxOpenFiles)
        {
            (int Key, RandomRecordReader? Reader, long LastUse) oldest = (0, null, long.MaxValue);
            foreach (var (key, (reader, lastUse)) in _readers)
            {
                oldest = lastUse < oldest.LastUse ? (key, reader, lastUse) : oldest;
            }

            oldest.Reader!.Dispose();
            _readers.Remove(oldest.Key);
        }

        var opened = files[fileIndex].OpenRandomAccess(log);
        _readers[fileIndex] = (opened, use);
        return opened;
    }
}
