namespace SchemaGen.Datasets;

/// <summary>The records of one batch, in row order, still serialized; a parse worker turns it into a typed batch.</summary>
internal sealed class RawBatch(int capacity)
{
    public PooledRecord[] Records { get; } = new PooledRecord[capacity];

    public int Count { get; private set; }

    /// <summary>The epoch the batch belongs to (batches never span epochs).</summary>
    public long Epoch { get; set; }

    /// <summary>The batch's number within its epoch, from 0.</summary>
    public long Index { get; set; }

    public bool IsFull => Count == Records.Length;

    public void Add(in PooledRecord record) => Records[Count++] = record;

    /// <summary>Hands the record buffers back to the pool; the batch is then empty (its tags remain).</summary>
    public void Release(RecordBufferPool pool)
    {
        pool.Return(Records.AsSpan(0, Count));
        Count = 0;
    }
}
