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

    /// <summary>
    /// Leaves out the records at <paramref name="rows"/> (ascending, distinct), handing them back to the pool; the others
    /// keep their order.
    /// </summary>
    public void Remove(ReadOnlySpan<int> rows, RecordBufferPool pool)
    {
        int kept = 0;
        int next = 0;
        for (int row = 0; row < Count; row++)
        {
            if (next < rows.Length && rows[next] == row)
            {
                next++;
                pool.Return(Records.AsSpan(row, 1));
                continue;
            }

            Records[kept++] = Records[row];
        }

        Records.AsSpan(kept, Count - kept).Clear();
        Count = kept;
    }

    /// <summary>Hands the record buffers back to the pool; the batch is then empty (its tags remain).</summary>
    public void Release(RecordBufferPool pool)
    {
        pool.Return(Records.AsSpan(0, Count));
        Count = 0;
    }
}
