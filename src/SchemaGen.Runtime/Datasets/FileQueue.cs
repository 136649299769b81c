namespace SchemaGen.Datasets;

/// <summary>
/// The file stages of an epoch, as TF1's <c>string_input_producer</c> and tf.data's <c>list_files → shard</c> do
/// them: the sorted files, shuffled per epoch with the file seed, then this worker's part of them. Every worker
/// computes the same order from the same seed, so the parts are disjoint and together hold every record.
/// </summary>
/// <remarks>
/// A plan's arrays are reused by the next epoch's plan (the pipeline is done with an epoch before it plans the next),
/// so a steady state of many epochs allocates nothing.
/// </remarks>
internal sealed class FileQueue(DatasetFile[] files, DatasetSettings settings)
{
    private readonly int[] _order = new int[files.Length];
    private RecordShard[] _shards = [];
    private long[] _totals = [];

    public EpochPlan Plan(long epoch)
    {
        int[] order = _order;
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        if (settings.FileSeed is long seed)
        {
            new SplitMix64(SplitMix64.Derive(seed, DatasetRandomStream.FileOrder, epoch)).Shuffle(order.AsSpan());
        }

        int count = settings.ShardCount;
        if (count == 1)
        {
            var shards = Shards(order.Length);
            for (int i = 0; i < order.Length; i++)
            {
                shards[i] = RecordShard.WholeFile(order[i]);
            }

            return new EpochPlan(shards, null);
        }

        var mode = settings.ShardMode == ShardMode.Auto
            ? (files.Length >= count ? ShardMode.ByFile : ShardMode.ByRecord)
            : settings.ShardMode;
        return mode == ShardMode.ByFile ? ByFile(order, count) : ByRecord(order, count);
    }

    private EpochPlan ByFile(int[] order, int count)
    {
        int index = settings.ShardIndex;
        var shards = Shards(index < order.Length ? ((order.Length - index - 1) / count) + 1 : 0);
        for (int position = index, i = 0; position < order.Length; position += count, i++)
        {
            shards[i] = RecordShard.WholeFile(order[position]);
        }

        long? target = null;
        if (settings.ShardBalance != ShardBalance.None)
        {
            var totals = Totals(count);
            for (int position = 0; position < order.Length; position++)
            {
                totals[position % count] += files[order[position]].CountRecords();
            }

            target = Balance(totals);
        }

        return new EpochPlan(shards, target);
    }

    private EpochPlan ByRecord(int[] order, int count)
    {
        long total = 0;
        foreach (int file in order)
        {
            total += files[file].CountRecords();
        }

        int index = settings.ShardIndex;
        long start = Bound(total, index, count);
        long end = Bound(total, index + 1, count);
        // Two passes over the files, counting this worker's pieces and then filling them, so the array is reused.
        int pieces = 0;
        long fileStart = 0;
        foreach (int file in order)
        {
            long fileCount = files[file].CountRecords();
            pieces += Math.Max(start, fileStart) < Math.Min(end, fileStart + fileCount) ? 1 : 0;
            fileStart += fileCount;
        }

        var shards = Shards(pieces);
        fileStart = 0;
        int piece = 0;
        foreach (int file in order)
        {
            long fileCount = files[file].CountRecords();
            long from = Math.Max(start, fileStart);
            long to = Math.Min(end, fileStart + fileCount);
            if (from < to)
            {
                shards[piece++] = new RecordShard(file, from - fileStart, to - from);
            }

            fileStart += fileCount;
        }

        long? target = null;
        if (settings.ShardBalance != ShardBalance.None)
        {
            var totals = Totals(count);
            for (int worker = 0; worker < count; worker++)
            {
                totals[worker] = Bound(total, worker + 1, count) - Bound(total, worker, count);
            }

            target = Balance(totals);
        }

        return new EpochPlan(shards, target);
    }

    private RecordShard[] Shards(int length) => _shards.Length == length ? _shards : _shards = new RecordShard[length];

    private long[] Totals(int count)
    {
        if (_totals.Length != count)
        {
            _totals = new long[count];
        }

        Array.Clear(_totals);
        return _totals;
    }

    private long Balance(long[] totals) => settings.ShardBalance == ShardBalance.Drop ? totals.Min() : totals.Max();

    // Where worker `index`'s range starts: floor(total·index / count), without overflow for any file size.
    private static long Bound(long total, int index, int count) => (long)((Int128)total * index / count);
}
