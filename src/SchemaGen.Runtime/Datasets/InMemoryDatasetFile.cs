using System.Globalization;

namespace SchemaGen.Datasets;

/// <summary>
/// Serialized records held in memory (TF1's <c>slice_input_producer</c> case); a record's "offset" is its index.
/// </summary>
internal sealed class InMemoryDatasetFile(byte[][] records) : DatasetFile(0)
{
    public const string DisplayName = "<memory>";

    public override string Name => DisplayName;

    public override string Identity => string.Create(
        CultureInfo.InvariantCulture, $"memory:{records.Length}:{records.Sum(r => (long)r.Length)}");

    public override long CountRecords() => records.Length;

    public override RecordCursor Open(RecordShard shard, DamageLog log) => new Cursor(records, shard);

    public override RandomRecordReader OpenRandomAccess(DamageLog log) => new RandomReader(records);

    public override string Locate(long offset) =>
        string.Create(CultureInfo.InvariantCulture, $"in-memory record {offset}");

    private sealed class Cursor(byte[][] records, RecordShard shard) : RecordCursor
    {
        private readonly long _end = shard.Count < 0 ? records.Length : Math.Min(records.Length, shard.First + shard.Count);
        private long _next = shard.First;

        public override bool TryReadNext(out RecordView record)
        {
            if (_next >= _end)
            {
                record = default;
                return false;
            }

            record = new RecordView(records[_next], 0, _next);
            _next++;
            return true;
        }

        public override void Dispose()
        {
        }
    }

    private sealed class RandomReader(byte[][] records) : RandomRecordReader
    {
        public override bool TryRead(long recordIndex, out RecordView record)
        {
            record = new RecordView(records[recordIndex], 0, recordIndex);
            return true;
        }

        public override void Dispose()
        {
        }
    }
}
