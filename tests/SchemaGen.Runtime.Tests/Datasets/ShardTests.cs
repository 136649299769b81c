using SchemaGen.Datasets;

namespace SchemaGen.Runtime.Tests.Datasets;

/// <summary>Data-parallel sharding: disjoint parts, by file or by record, and equal batch counts on request.</summary>
public sealed class ShardTests : IDisposable
{
    private static readonly int[] Counts = [10, 31, 4, 12, 20];
    private readonly TempDirectory _directory = new();
    private readonly string[] _paths;

    public ShardTests() => _paths = DatasetFiles.Write(_directory, Counts);

    [Fact]
    public void By_file_each_worker_reads_whole_files_every_countth_in_file_order()
    {
        var worker1 = DatasetFiles.Flatten(DatasetFiles.Ids(TfRecordDataset.FromFiles(_paths).Shard(1, 2).Batch<Numbered.Batch>(7)));

        // Files 1 and 3 (ids 10..40 and 45..56), read in order.
        Assert.Equal(Enumerable.Range(10, 31).Concat(Enumerable.Range(45, 12)).Select(i => (long)i), worker1);
    }

    [Fact]
    public void By_record_each_worker_reads_a_contiguous_range_of_nearly_equal_size()
    {
        var parts = Enumerable.Range(0, 4)
            .Select(w => DatasetFiles.Flatten(DatasetFiles.Ids(TfRecordDataset.FromFiles(_paths).Shard(w, 4, mode: ShardMode.ByRecord).Batch<Numbered.Batch>(5))))
            .ToList();

        // 77 records: [0,19) [19,38) [38,57) [57,77).
        Assert.Equal([19, 19, 19, 20], parts.Select(p => p.Length));
        Assert.Equal(Enumerable.Range(0, 77).Select(i => (long)i), parts.SelectMany(p => p));
    }

    [Theory]
    [InlineData(ShardMode.ByFile, false)]
    [InlineData(ShardMode.ByFile, true)]
    [InlineData(ShardMode.ByRecord, false)]
    [InlineData(ShardMode.ByRecord, true)]
    public void Drop_gives_every_worker_the_smallest_shards_batches(ShardMode mode, bool dropRemainder)
    {
        var perWorker = Workers(3, ShardBalance.Drop, mode, dropRemainder);

        Assert.Single(perWorker.Select(w => w.Count).Distinct());
        Assert.Single(perWorker.Select(w => w.Sum(b => b.Length)).Distinct());
        var all = perWorker.SelectMany(w => w.SelectMany(b => b)).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Theory]
    [InlineData(ShardMode.ByFile)]
    [InlineData(ShardMode.ByRecord)]
    public void Pad_gives_every_worker_the_largest_shards_batches_repeating_only_its_own_records(ShardMode mode)
    {
        var unbalanced = Workers(3, ShardBalance.None, mode, dropRemainder: false);
        var padded = Workers(3, ShardBalance.Pad, mode, dropRemainder: false);

        int largest = unbalanced.Max(w => w.Sum(b => b.Length));
        Assert.Single(padded.Select(w => w.Count).Distinct());
        for (int worker = 0; worker < 3; worker++)
        {
            var own = unbalanced[worker].SelectMany(b => b).ToHashSet();
            var ids = padded[worker].SelectMany(b => b).ToList();
            Assert.Equal(largest, ids.Count);
            Assert.True(ids.All(own.Contains));
            Assert.Equal(own.Count, ids.Distinct().Count());
        }
    }

    [Fact]
    public void Padding_a_worker_with_no_records_is_an_error()
    {
        var batches = TfRecordDataset.FromFiles(_paths[..2]).Shard(2, 3, ShardBalance.Pad, ShardMode.ByFile).Batch<Numbered.Batch>(4);

        var error = Assert.Throws<InvalidOperationException>(() => DatasetFiles.Ids(batches));
        Assert.Contains("no records", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private List<List<long[]>> Workers(int count, ShardBalance balance, ShardMode mode, bool dropRemainder) =>
        [.. Enumerable.Range(0, count).Select(w => DatasetFiles.Ids(
            TfRecordDataset.FromFiles(_paths).ShuffleFiles(seed: 2).Shard(w, count, balance, mode).Shuffle(16, seed: w)
                .Batch<Numbered.Batch>(6, dropRemainder)))];
}
