using SchemaGen.Datasets;
using SchemaGen.Records;

namespace SchemaGen.Runtime.Tests.Datasets;

/// <summary>Every record once per epoch, for every combination of stages and threads; shards disjoint, their union whole.</summary>
public sealed class ExactlyOnceTests : IDisposable
{
    // Uneven files, one empty: 51 records.
    private static readonly int[] Counts = [13, 0, 7, 21, 1, 9];
    private static readonly int Total = Counts.Sum();
    private const int Epochs = 2;

    private readonly TempDirectory _directory = new();
    private readonly string[] _paths;

    public ExactlyOnceTests()
    {
        _paths = DatasetFiles.Write(_directory, Counts);
        foreach (var path in _paths.Where((_, i) => i % 2 == 0))
        {
            // Half the files have index sidecars, so sharding by record both seeks and skips by reading.
            TfRecordIndex.Write(TfRecordIndex.PathFor(path), TfRecordIndex.Build(path));
        }
    }

    public static TheoryData<int, int, int, ShardMode, int> Combinations()
    {
        var data = new TheoryData<int, int, int, ShardMode, int>();
        foreach (int shuffle in new[] { 0, 1, 7, 1000 })
        {
            foreach (int cycle in new[] { 1, 3 })
            {
                foreach (var (workers, mode) in new[] { (1, ShardMode.Auto), (3, ShardMode.ByFile), (3, ShardMode.ByRecord), (8, ShardMode.Auto) })
                {
                    foreach (int threads in new[] { Default, 0, 1, 3 })
                    {
                        data.Add(shuffle, cycle, workers, mode, threads);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Every_record_comes_once_per_epoch_across_all_shards(int shuffle, int cycle, int workers, ShardMode mode, int threads)
    {
        var perEpoch = Enumerable.Range(0, Epochs).Select(_ => new List<long>()).ToArray();
        for (int worker = 0; worker < workers; worker++)
        {
            var dataset = TfRecordDataset.FromFiles(_paths).ShuffleFiles(seed: 5).Interleave(cycle, blockLength: 2)
                .Shard(worker, workers, mode: mode).Repeat(Epochs);
            if (shuffle > 0)
            {
                dataset = dataset.Shuffle(shuffle, seed: 9);
            }

            var batches = Parallelize(dataset.Batch<Numbered.Batch>(4), threads);
            foreach (var (epoch, ids) in DatasetFiles.Batches(batches))
            {
                perEpoch[epoch].AddRange(ids);
            }
        }

        foreach (var ids in perEpoch)
        {
            Assert.Equal(Enumerable.Range(0, Total).Select(i => (long)i), ids.Order());
        }
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 2)]
    [InlineData(3, 0)]
    [InlineData(3, 2)]
    [InlineData(8, 2)]
    [InlineData(3, Default)]
    public void Global_shuffle_visits_every_record_once_per_epoch(int workers, int threads)
    {
        var perEpoch = Enumerable.Range(0, Epochs).Select(_ => new List<long>()).ToArray();
        for (int worker = 0; worker < workers; worker++)
        {
            var dataset = TfRecordDataset.FromFiles(_paths).Shard(worker, workers).ShuffleGlobally(seed: 3).Repeat(Epochs);
            foreach (var (epoch, ids) in DatasetFiles.Batches(Parallelize(dataset.Batch<Numbered.Batch>(5), threads)))
            {
                perEpoch[epoch].AddRange(ids);
            }
        }

        foreach (var ids in perEpoch)
        {
            Assert.Equal(Enumerable.Range(0, Total).Select(i => (long)i), ids.Order());
        }
    }

    [Fact]
    public void Each_epoch_ends_with_its_own_short_batch_and_drop_remainder_drops_it()
    {
        var dataset = TfRecordDataset.FromFiles(_paths).Shuffle(10, seed: 1).Repeat(3);

        var kept = DatasetFiles.Batches(dataset.Batch<Numbered.Batch>(10));
        Assert.Equal([10, 10, 10, 10, 10, 1], kept.Where(b => b.Epoch == 1).Select(b => b.Ids.Length));

        var dropped = DatasetFiles.Batches(dataset.Batch<Numbered.Batch>(10, dropRemainder: true));
        Assert.Equal(15, dropped.Count);
        Assert.All(dropped, b => Assert.Equal(10, b.Ids.Length));
        Assert.All(dropped.GroupBy(b => b.Epoch), epoch => Assert.Equal(50, epoch.SelectMany(b => b.Ids).Distinct().Count()));
    }

    [Fact]
    public void An_in_memory_source_is_read_like_a_file()
    {
        var dataset = TfRecordDataset.FromExamples(Enumerable.Range(0, 30).Select(i => new Numbered(i)))
            .Shard(1, 2).Shuffle(64, seed: 4).Repeat(2);

        var batches = DatasetFiles.Batches(dataset.Batch<Numbered.Batch>(4).Prefetch(2));

        Assert.All(batches.GroupBy(b => b.Epoch), epoch =>
            Assert.Equal(Enumerable.Range(15, 15).Select(i => (long)i), epoch.SelectMany(b => b.Ids).Order()));
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>For <see cref="Parallelize"/>: the settings a dataset has when none is given (cores, tuned prefetch).</summary>
    internal const int Default = -1;

    /// <summary>0 threads: read and parse in the consumer's thread; <see cref="Default"/>: as the dataset comes; else workers.</summary>
    internal static BatchDataset<Numbered.Batch> Parallelize(BatchDataset<Numbered.Batch> batches, int threads) => threads switch
    {
        Default => batches,
        0 => batches.Prefetch(0).WithMaxDegreeOfParallelism(1),
        _ => batches.Prefetch(2).WithMaxDegreeOfParallelism(threads),
    };
}
