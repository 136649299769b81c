using System.Buffers;

namespace SchemaGen;

/// <summary>
/// Visits every record of a worker's shards once, in a uniformly random permutation, reading each by its offset
/// from the files' indexes: memory holds the permutation (4 bytes a record) and the offsets, never the data.
/// </summary>
internal sealed class GlobalShuffler : IRecordStream
{
    // Random reads touch every file; a bounded set of open readers keeps handles and buffers in check.
    private const int MaxOpenFiles = 16;

    private readonly DatasetFile[] _files;
    private readonly RecordShard[] _shards;
    private readonly long[] _shardStarts;
    private readonly int[] _permutation;
    private readonly int _count;
    private readonly DamageLog _log;
    private readonly Dictionary<int, (RandomRecordReader Reader, long LastUse)> _readers = [];
    private long _uses;
    private int _position;

    public GlobalShuffler(DatasetFile[] files, RecordShard[] shards, ulong seed, DamageLog log)
    {
        _files = files;
        _shards = shards;
        _log = log;
        _shardStarts = new long[shards.Length + 1];
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
        _permutation = ArrayPool<int>.Shared.Rent(Math.Max(_count, 1));
        var order = _permutation.AsSpan(0, _count);
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        new SplitMix64(seed).Shuffle(order);
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

    public void Dispose()
    {
        foreach (var (reader, _) in _readers.Values)
        {
            reader.Dispose();
        }

        _readers.Clear();
        ArrayPool<int>.Shared.Return(_permutation);
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
            var oldest = _readers.MinBy(pair => pair.Value.LastUse);
            oldest.Value.Reader.Dispose();
            _readers.Remove(oldest.Key);
        }

        var reader = _files[fileIndex].OpenRandomAccess(_log);
        _readers[fileIndex] = (reader, use);
        return reader;
    }
}
