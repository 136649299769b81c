using Microsoft.ML;
using Microsoft.ML.Data;
using SchemaGen.Datasets;
using SchemaGen.Schema;

namespace SchemaGen.ML;

/// <summary>
/// A cursor over a batch reader: it moves through each parsed batch's rows, and its getters read the current row
/// straight from the batch's columns.
/// </summary>
/// <typeparam name="TBatch">The generated batch type.</typeparam>
internal sealed class TfRecordRowCursor<TBatch> : DataViewRowCursor, IBatchRow<TBatch>
    where TBatch : class, ITfExampleBatch<TBatch>
{
    private readonly BatchReader<TBatch> _reader;
    private readonly Delegate?[] _getters;
    private readonly ulong _shard;
    private readonly long _shardCount;
    private TBatch? _batch;
    private int _row;
    private int _rowsInBatch;
    private long _batchNumber = -1;
    private long _position = -1;
    private bool _done;

    public TfRecordRowCursor(DataViewSchema schema, BatchColumn<TBatch>[] columns, bool[] active, BatchReader<TBatch> reader, int shard, int shardCount)
    {
        Schema = schema;
        _reader = reader;
        _shard = (ulong)shard;
        _shardCount = shardCount;
        _getters = new Delegate?[columns.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            _getters[i] = active[i] ? columns[i].CreateGetter(this) : null;
        }
    }

    public override DataViewSchema Schema { get; }

    public override long Position => _position;

    // Batches of a cursor set interleave: shard s's k-th batch is k·n + s, so batch numbers rise along each cursor.
    public override long Batch => _batchNumber < 0 ? 0 : (_batchNumber * _shardCount) + (long)_shard;

    TBatch IBatchRow<TBatch>.Batch => _batch ?? throw new InvalidOperationException("The cursor is not on a row: call MoveNext first, and read only while it returns true.");

    int IBatchRow<TBatch>.Row => _row;

    public override bool MoveNext()
    {
        if (_done)
        {
            return false;
        }

        if (++_row < _rowsInBatch)
        {
            _position++;
            return true;
        }

        while (_reader.MoveNext())
        {
            TBatch batch = _reader.Current;
            _batch = batch;
            _rowsInBatch = batch.Count;
            _batchNumber++;
            if (_rowsInBatch > 0)
            {
                _row = 0;
                _position++;
                return true;
            }
        }

        _done = true;
        _batch = null;
        return false;
    }

    public override bool IsColumnActive(DataViewSchema.Column column) =>
        column.Index >= 0 && column.Index < _getters.Length && _getters[column.Index] is not null;

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!IsColumnActive(column))
        {
            throw new InvalidOperationException($"Column '{column.Name}' was not asked for when the cursor was opened.");
        }

        return _getters[column.Index] as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' is {Schema[column.Index].Type}, read as {Schema[column.Index].Type.RawType}, not {typeof(TValue)}.");
    }

    public override ValueGetter<DataViewRowId> GetIdGetter() =>
        (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, _shard);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader.Dispose();
            _batch = null;
            _done = true;
        }

        base.Dispose(disposing);
    }
}
