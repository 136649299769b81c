using Microsoft.ML;
using SchemaGen.Datasets;
using SchemaGen.Schema;

namespace SchemaGen.ML;

/// <summary>A dataset of a <c>[TfExample]</c> type as an <see cref="IDataView"/>: each cursor is a pass over the dataset's batches.</summary>
/// <typeparam name="TBatch">The generated batch type.</typeparam>
/// <typeparam name="TExample">The record type.</typeparam>
internal sealed class TfRecordDataView<TBatch, TExample> : IDataView
    where TBatch : class, ITfExampleBatch<TBatch, TExample>
{
    // A compressed file cannot be read by offset, so its shuffle goes through a buffer this large unless told otherwise.
    private const int CompressedShuffleBuffer = 100_000;

    private readonly TfRecordDataset _dataset;
    private readonly TfRecordLoaderOptions _options;
    private readonly BatchColumn<TBatch>[] _columns;
    private readonly Lazy<long> _rowCount;
    private readonly Lazy<bool> _anyCompressed;

    public TfRecordDataView(TfRecordDataset dataset, TfRecordLoaderOptions options)
    {
        _dataset = options.ReaderOptions is null ? dataset : dataset.WithReaderOptions(options.ReaderOptions);
        _options = new TfRecordLoaderOptions
        {
            BatchSize = options.BatchSize,
            ShuffleBufferSize = options.ShuffleBufferSize,
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
            ReaderOptions = options.ReaderOptions,
        };
        _columns = BatchColumnBinder.Bind<TBatch, TExample>();
        var builder = new DataViewSchema.Builder();
        foreach (BatchColumn<TBatch> column in _columns)
        {
            builder.AddColumn(column.Name, column.Type);
        }

        Schema = builder.ToSchema();
        _rowCount = new Lazy<long>(() => RecordCounts.Count(_dataset.Files, options.ReaderOptions));
        _anyCompressed = new Lazy<bool>(() => RecordCounts.AnyCompressed(_dataset.Files, options.ReaderOptions));
    }

    public bool CanShuffle => true;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _rowCount.Value;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        Open(columnsNeeded, shard: 0, shardCount: 1, rand?.Next());

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        DataViewSchema.Column[] needed = [.. columnsNeeded];
        int? seed = rand?.Next();
        if (n <= 1)
        {
            return [Open(needed, 0, 1, seed)];
        }

        var cursors = new DataViewRowCursor[n];
        for (int i = 0; i < n; i++)
        {
            cursors[i] = Open(needed, i, n, seed);
        }

        return cursors;
    }

    private TfRecordRowCursor<TBatch> Open(IEnumerable<DataViewSchema.Column> columnsNeeded, int shard, int shardCount, int? seed)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        bool[] active = new bool[_columns.Length];
        foreach (DataViewSchema.Column column in columnsNeeded)
        {
            if (column.Index < 0 || column.Index >= active.Length || Schema[column.Index].Name != column.Name)
            {
                throw new ArgumentException($"Column '{column.Name}' is not a column of this data view.", nameof(columnsNeeded));
            }

            active[column.Index] = true;
        }

        TfRecordDataset dataset = _dataset;
        if (shardCount > 1)
        {
            dataset = dataset.Shard(shard, shardCount);
        }

        if (seed is int s)
        {
            int? buffer = _options.ShuffleBufferSize ?? (_anyCompressed.Value ? CompressedShuffleBuffer : null);
            dataset = buffer is int size ? dataset.Shuffle(size, s) : dataset.ShuffleGlobally(s);
        }

        BatchDataset<TBatch> batches = dataset.Batch<TBatch>(_options.BatchSize);
        if (_options.MaxDegreeOfParallelism != TfRecordDataset.Autotune)
        {
            batches = batches.WithMaxDegreeOfParallelism(_options.MaxDegreeOfParallelism);
        }
        else if (shardCount > 1)
        {
            // The shards parse side by side: together they use the cores one cursor would.
            batches = batches.WithMaxDegreeOfParallelism(Math.Max(1, TfRecordDataset.DefaultMaxDegreeOfParallelism / shardCount));
        }

        return new TfRecordRowCursor<TBatch>(Schema, _columns, active, batches.Open(), shard, shardCount);
    }
}
