namespace SchemaGen.Datasets;

/// <summary>Reads a file's records by number through their offsets (from its index), for a local file or an object.</summary>
internal class IndexedRecordReader(TfRecordReader reader, int fileIndex, long[] offsets, DamageLog log) : RandomRecordReader
{
    // Under SkipFile the file ends at its first damage, as when read in order: records before it stay readable.
    private long _end = long.MaxValue;

    protected long[] Offsets => offsets;

    public override bool TryRead(long recordIndex, out RecordView record)
    {
        // A record the policy skipped makes the reader return the next one (or none): neither is this record.
        long offset = offsets[recordIndex];
        BeforeRead(recordIndex, offset);
        if (offset >= _end || !reader.TryReadAt(offset, out var data) || reader.RecordOffset != offset)
        {
            if (reader.FileSkipped && _end == long.MaxValue)
            {
                _end = offset;
            }

            record = default;
            return false;
        }

        record = new RecordView(data, fileIndex, offset);
        return true;
    }

    public override void Dispose()
    {
        log.Add(reader);
        reader.Dispose();
    }

    /// <summary>Called before record <paramref name="recordIndex"/> at <paramref name="offset"/> is read.</summary>
    protected virtual void BeforeRead(long recordIndex, long offset)
    {
    }
}
