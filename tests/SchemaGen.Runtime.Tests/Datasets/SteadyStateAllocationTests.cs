using SchemaGen.Tests.Infrastructure;

namespace SchemaGen.Tests.Datasets;

/// <summary>Runs alone: it counts the bytes every thread of the process allocates.</summary>
[CollectionDefinition(nameof(SteadyStateAllocationTests), DisableParallelization = true)]
public sealed class RunsAlone;

/// <summary>In steady state (within an epoch) reading, shuffling, parsing and handing over batches allocates nothing.</summary>
[Collection(nameof(SteadyStateAllocationTests))]
public sealed class SteadyStateAllocationTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Theory]
    [InlineData(0, 1)]
    [InlineData(4, 2)]
    public void Batches_after_the_warm_up_allocate_nothing(int prefetch, int threads)
    {
        string path = _directory.File("cifar.tfrecord");
        using (var writer = new TfRecordWriter(path))
        {
            var image = new byte[3072];
            for (int i = 0; i < 6000; i++)
            {
                image[i % 3072] = (byte)i;
                writer.Write(new CifarImage(image, i % 10).ToByteArray());
            }
        }

        var batches = TfRecordDataset.FromFiles(path).Shuffle(500, seed: 1).Batch<CifarImage.Batch>(16)
            .Prefetch(prefetch).WithMaxDegreeOfParallelism(threads);
        using var reader = batches.Open();
        Skip(reader, 60);

        // The least of six windows of 40 batches: the test host reports results on its own threads (JSON, reflection),
        // which no window can be sure to miss, while anything the pipeline allocates per batch shows in every window.
        long least = long.MaxValue;
        for (int window = 0; window < 6; window++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            Skip(reader, 40);
            least = Math.Min(least, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        Assert.Equal(0, least);
    }

    [Theory]
    [InlineData(0, 1, true)]
    [InlineData(4, 2, true)]
    [InlineData(4, 2, false)]
    public void Epoch_after_epoch_allocates_nothing(int prefetch, int threads, bool memoryMapping)
    {
        // 4 files of 100 records, batches of 16: every window of 40 batches crosses at least one epoch's end, where
        // the files' cursors close, the file order is reshuffled and the interleave starts over.
        string[] paths = [.. Enumerable.Range(0, 4).Select(f => _directory.File($"part-{f}.tfrecord"))];
        foreach (string path in paths)
        {
            using var writer = new TfRecordWriter(path);
            for (int i = 0; i < 100; i++)
            {
                writer.Write(new CifarImage(new byte[3072], i % 10).ToByteArray());
            }
        }

        var batches = TfRecordDataset.FromFiles(paths).WithMemoryMapping(memoryMapping).Repeat().ShuffleFiles(seed: 3).Interleave(cycleLength: 2)
            .Shuffle(150, seed: 1).Batch<CifarImage.Batch>(16).Prefetch(prefetch).WithMaxDegreeOfParallelism(threads);
        using var reader = batches.Open();
        Skip(reader, 60);

        long least = long.MaxValue;
        for (int window = 0; window < 6; window++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            Skip(reader, 40);
            least = Math.Min(least, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        Assert.Equal(0, least);
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
