using SchemaGen.Datasets;

namespace SchemaGen.Runtime.Tests.Datasets;

/// <summary>Runs alone: it counts the bytes every thread of the process allocates.</summary>
[CollectionDefinition(nameof(SteadyStateAllocationTests), DisableParallelization = true)]
public sealed class RunsAlone;

/// <summary>In steady state reading, shuffling, parsing and handing over batches allocates nothing, epoch after epoch.</summary>
[Collection(nameof(SteadyStateAllocationTests))]
public sealed class SteadyStateAllocationTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Theory]
    [InlineData(0, 1)]
    [InlineData(4, 2)]
    [InlineData(TfRecordDataset.Autotune, TfRecordDataset.Autotune)]
    public void Batches_after_the_warm_up_allocate_nothing(int prefetch, int threads)
    {
        string path = DatasetFiles.WriteCifar(_directory, "cifar.tfrecord", 6000);
        var batches = TfRecordDataset.FromFiles(path).Shuffle(500, seed: 1).Batch<CifarImage.Batch>(16)
            .Prefetch(prefetch).WithMaxDegreeOfParallelism(threads);
        using var reader = batches.Open();
        Skip(reader, 60);

        Assert.Equal(0, AllocationWindows.Least(6, () => Skip(reader, 40)));
    }

    [Theory]
    [InlineData(0, 1, true)]
    [InlineData(4, 2, true)]
    [InlineData(4, 2, false)]
    [InlineData(TfRecordDataset.Autotune, TfRecordDataset.Autotune, true)]
    public void Epoch_after_epoch_allocates_nothing(int prefetch, int threads, bool memoryMapping)
    {
        // 4 files of 100 records, batches of 16: every window of 40 batches crosses at least one epoch's end, where
        // the files' cursors close, the file order is reshuffled and the interleave starts over.
        string[] paths = [.. Enumerable.Range(0, 4).Select(f => DatasetFiles.WriteCifar(_directory, $"part-{f}.tfrecord", 100))];
        var batches = TfRecordDataset.FromFiles(paths).WithMemoryMapping(memoryMapping).Repeat().ShuffleFiles(seed: 3).Interleave(cycleLength: 2)
            .Shuffle(150, seed: 1).Batch<CifarImage.Batch>(16).Prefetch(prefetch).WithMaxDegreeOfParallelism(threads);
        using var reader = batches.Open();
        Skip(reader, 60);

        Assert.Equal(0, AllocationWindows.Least(6, () => Skip(reader, 40)));
    }

    [Theory]
    [InlineData(ShardBalance.Pad)]
    [InlineData(ShardBalance.Drop)]
    public void Sharding_by_record_with_balanced_workers_allocates_nothing_epoch_after_epoch(ShardBalance balance)
    {
        // 2 files for 3 workers: each worker reads a range of records across the reshuffled files, and the balance
        // pads or cuts its epoch to the same length as the others'.
        string[] paths = [.. Enumerable.Range(0, 2).Select(f => DatasetFiles.WriteCifar(_directory, $"part-{f}.tfrecord", 101))];
        var batches = TfRecordDataset.FromFiles(paths).Repeat().ShuffleFiles(seed: 3).Shard(1, 3, balance, ShardMode.ByRecord)
            .Shuffle(50, seed: 1).Batch<CifarImage.Batch>(16).Prefetch(2).WithMaxDegreeOfParallelism(2);
        using var reader = batches.Open();
        Skip(reader, 30);

        Assert.Equal(0, AllocationWindows.Least(6, () => Skip(reader, 20)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_global_shuffle_allocates_nothing_epoch_after_epoch(bool memoryMapping)
    {
        // Each epoch draws a new permutation over the same array and reads by offset through the readers it kept.
        string[] paths = [.. Enumerable.Range(0, 3).Select(f => DatasetFiles.WriteCifar(_directory, $"part-{f}.tfrecord", 100))];
        var batches = TfRecordDataset.FromFiles(paths).WithMemoryMapping(memoryMapping).Repeat().ShuffleGlobally(seed: 5)
            .Batch<CifarImage.Batch>(16).Prefetch(2).WithMaxDegreeOfParallelism(2);
        using var reader = batches.Open();
        Skip(reader, 60);

        Assert.Equal(0, AllocationWindows.Least(6, () => Skip(reader, 40)));
    }

    public void Dispose() => _directory.Dispose();

    private static void Skip(BatchReader<CifarImage.Batch> reader, int count)
    {
        for (int i = 0; i < count; i++)
        {
            Assert.True(reader.MoveNext());
        }
    }
}
