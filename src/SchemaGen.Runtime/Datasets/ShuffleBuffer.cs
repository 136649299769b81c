namespace SchemaGen.Datasets;

/// <summary>
/// tf.data's shuffle buffer over raw records: it holds up to <c>capacity</c> records (pooled copies, or where they
/// lie in mapped files) and hands out one picked uniformly at random each time a new one arrives, then the rest in
/// random order at the end. A capacity of at least the record count gives a uniform permutation (the drain is
/// Fisher–Yates); a capacity of 1 keeps the input order.
/// </summary>
internal sealed class ShuffleBuffer(int capacity, RecordBufferPool pool) : IDisposable
{
    private readonly PooledRecord[] _records = new PooledRecord[capacity];
    private SplitMix64 _random;
    private int _count;

    public int Count => _count;

    public bool IsFull => _count == _records.Length;

    /// <summary>Starts an epoch's random sequence; the buffer must be empty.</summary>
    public void Reset(ulong seed)
    {
        System.Diagnostics.Debug.Assert(_count == 0, "The previous epoch was drained.");
        _random = new SplitMix64(seed);
    }

    /// <summary>Keeps a record (see <see cref="RecordBufferPool.Keep"/>); the buffer must not be full.</summary>
    public void Add(in RecordView record) => _records[_count++] = pool.Keep(record);

    /// <summary>Takes a record picked uniformly at random; the last one fills its place. The buffer must not be empty.</summary>
    public PooledRecord TakeRandom()
    {
        int index = _random.NextInt32(_count);
        var record = _records[index];
        _records[index] = _records[--_count];
        _records[_count] = default;
        return record;
    }

    /// <summary>Returns every held buffer to the pool.</summary>
    public void Clear()
    {
        pool.Return(_records.AsSpan(0, _count));
        _count = 0;
    }

    public void Dispose() => Clear();
}
