namespace SchemaGen;

/// <summary>
/// The file stages of an epoch, as TF1's <c>string_input_producer</c> and tf.data's <c>list_files → shard</c> do
/// them: the sorted files, shuffled per epoch with the file seed, then this worker's part of them. Every worker
/// computes the same order from the same seed, so the parts are disjoint and together hold every record.
/// </summary>
internal sealed class FileQueue(DatasetFile[] files, DatasetSettings settings)
{
    public EpochPlan Plan(long epoch)
    {
        int[] order = new int[files.Length];
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
            return new EpochPlan([.. order.Select(RecordShard.WholeFile)], null);
        }

        var mode = settings.ShardMode == ShardMode.Auto
            ? (files.Length >= count ? ShardMode.ByFile : ShardMode.ByRecord)
            : settings.ShardMode;
        return mode == ShardMode.ByFile ? ByFile(order, count) : ByRecord(order, count);
    }

    private EpochPlan ByFile(int[] order, int count)
    {
        int index = settings.ShardIndex;
        var shards = new List<RecordShard>();
        for (int position = index; position < order.Length; position += count)
        {
            shards.Add(RecordShard.WholeFile(order[position]));
        }

        long? target = null;
        if (settings.ShardBalance != ShardBalance.None)
        {
            var totals = new long[count];
            for (int position = 0; position < order.Length; position++)
            {
                totals[position % count] += files[order[position]].CountRecords();
            }

            target = Balance(totals);
        }

        return new EpochPlan([.. shards], target);
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
        var shards = new List<RecordShard>();
        long fileStart = 0;
        foreach (int file in order)
        {
            long fileCount = files[file].CountRecords();
            long from = Math.Max(start, fileStart);
            long to = Math.Min(end, fileStart + fileCount);
            if (from < to)
            {
                shards.Add(new RecordShard(file, from - fileStart, to - from));
            }

            fileStart += fileCount;
        }

        long? target = null;
        if (settings.ShardBalance != ShardBalance.None)
        {
            var totals = new long[count];
            for (int worker = 0; worker < count; worker++)
            {
                totals[worker] = Bound(total, worker + 1, count) - Bound(total, worker, count);
            }

            target = Balance(totals);
        }

        return new EpochPlan([.. shards], target);
    }

    private long Balance(long[] totals) => settings.ShardBalance == ShardBalance.Drop ? totals.Min() : totals.Max();

    // Where worker `index`'s range starts: floor(total·index / count), without overflow for any file size.
    private static long Bound(long total, int index, int count) => (long)((Int128)total * index / count);
}
