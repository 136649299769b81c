using SchemaGen.Datasets;

namespace SchemaGen.Runtime.Tests.Datasets;

/// <summary>A seed names one sequence of batches, whatever the parallelism; other seeds and epochs give others.</summary>
public sealed class DeterminismTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly string[] _paths;

    public DeterminismTests() => _paths = DatasetFiles.Write(_directory, [40, 25, 33, 2]);

    [Fact]
    public void The_same_seed_gives_the_same_batches_for_any_degree_of_parallelism()
    {
        var dataset = Pipeline(seed: 11).Batch<Numbered.Batch>(8);

        var inline = DatasetFiles.Ids(dataset.Prefetch(0).WithMaxDegreeOfParallelism(1));
        Assert.Equal(3 * 13, inline.Count);
        Assert.Equal(inline, DatasetFiles.Ids(dataset));
        foreach (int degree in new[] { 1, 2, 4, TfRecordDataset.Autotune })
        {
            foreach (int prefetch in new[] { 0, 1, 6, TfRecordDataset.Autotune })
            {
                var parallel = DatasetFiles.Ids(dataset.Prefetch(prefetch).WithMaxDegreeOfParallelism(degree));
                Assert.Equal(inline, parallel);
            }
        }
    }

    [Fact]
    public async Task Async_enumeration_gives_the_same_batches_as_foreach()
    {
        var dataset = Pipeline(seed: 11).Batch<Numbered.Batch>(8).Prefetch(3).WithMaxDegreeOfParallelism(2);
        var expected = new List<long[]>();
        foreach (var batch in dataset)
        {
            expected.Add(DatasetFiles.IdsOf(batch));
        }

        var actual = new List<long[]>();
        await foreach (var batch in dataset)
        {
            actual.Add(DatasetFiles.IdsOf(batch));
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Different_seeds_give_different_orders()
    {
        var first = DatasetFiles.Flatten(DatasetFiles.Ids(Pipeline(seed: 1).Batch<Numbered.Batch>(8)));
        var second = DatasetFiles.Flatten(DatasetFiles.Ids(Pipeline(seed: 2).Batch<Numbered.Batch>(8)));

        Assert.Equal(first.Order(), second.Order());
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Reshuffling_each_iteration_gives_each_epoch_its_own_order()
    {
        var dataset = TfRecordDataset.FromFiles(_paths).Shuffle(200, seed: 3).Repeat(3);

        var epochs = Orders(dataset.Batch<Numbered.Batch>(10));

        Assert.Equal(3, epochs.Distinct(new SequenceComparer()).Count());
    }

    [Fact]
    public void Without_reshuffling_every_epoch_has_the_first_epochs_order()
    {
        var dataset = TfRecordDataset.FromFiles(_paths).Shuffle(200, seed: 3, reshuffleEachIteration: false).Repeat(3);

        var epochs = Orders(dataset.Batch<Numbered.Batch>(10));

        Assert.Equal(epochs[0], epochs[1]);
        Assert.Equal(epochs[0], epochs[2]);
        Assert.NotEqual(Enumerable.Range(0, 100).Select(i => (long)i), epochs[0]);
    }

    [Fact]
    public void The_file_order_is_reshuffled_every_epoch_and_the_same_for_every_worker()
    {
        var many = DatasetFiles.Write(_directory, Enumerable.Repeat(1, 12).ToArray());
        var epochs = Orders(TfRecordDataset.FromFiles(many).ShuffleFiles(seed: 8).Repeat(3).Batch<Numbered.Batch>(12));

        Assert.Equal(3, epochs.Distinct(new SequenceComparer()).Count());
        Assert.All(epochs, order => Assert.NotEqual(Enumerable.Range(0, 12).Select(i => (long)i), order));
    }

    [Fact]
    public void The_generator_is_SplitMix64()
    {
        // Vigna's reference splitmix64.c, state 0: the first three outputs.
        var random = new SplitMix64(0);

        Assert.Equal(0xE220A8397B1DCDAFUL, random.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, random.NextUInt64());
    }

    public void Dispose() => _directory.Dispose();

    private TfRecordDataset Pipeline(int seed) =>
        TfRecordDataset.FromFiles(_paths).ShuffleFiles(seed).Interleave(2).Shuffle(17, seed).Repeat(3);

    private static List<long[]> Orders(BatchDataset<Numbered.Batch> batches) =>
        [.. DatasetFiles.Batches(batches).GroupBy(b => b.Epoch).Select(epoch => epoch.SelectMany(b => b.Ids).ToArray())];

    private sealed class SequenceComparer : IEqualityComparer<long[]>
    {
        public bool Equals(long[]? x, long[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(long[] obj) => obj.Length == 0 ? 0 : HashCode.Combine(obj[0], obj[^1], obj.Length);
    }
}
