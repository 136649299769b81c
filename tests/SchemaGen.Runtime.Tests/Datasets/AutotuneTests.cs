using SchemaGen.Datasets;

namespace SchemaGen.Runtime.Tests.Datasets;

/// <summary>
/// Fast by default: a batch dataset given no settings parses on the cores with a tuned prefetch depth, gives the
/// batches a single thread gives, and keeps within its stated memory; explicit settings win.
/// </summary>
public sealed class AutotuneTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly string[] _paths;

    public AutotuneTests() => _paths = DatasetFiles.Write(_directory, [40, 25, 33, 2, 57]);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_dataset_without_settings_parses_on_the_cores_with_a_tuned_prefetch()
    {
        var batches = TfRecordDataset.FromFiles(_paths).Batch<Numbered.Batch>(8);

        // The stated rule: the processor count, at least 1 and at most 16.
        int cores = Math.Min(Environment.ProcessorCount, 16);
        Assert.Equal(cores, batches.MaxDegreeOfParallelism);
        Assert.Equal(TfRecordDataset.Autotune, batches.PrefetchCount);
        using var reader = batches.Open();
        var prefetcher = Assert.IsType<Prefetcher<Numbered.Batch, NoOutput>>(reader.Source);
        Assert.Equal(cores + 1, prefetcher.Threads.Count); // the parsers and the reading thread
        Assert.Equal(1, prefetcher.Ring.TunedDepth);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 1)]
    [InlineData(0, 2)]
    [InlineData(5, 3)]
    public void Default_settings_give_the_batches_of_any_explicit_ones(int prefetch, int threads)
    {
        foreach (var dataset in Pipelines())
        {
            var byDefault = DatasetFiles.Batches(dataset.Batch<Numbered.Batch>(7));
            var explicitly = DatasetFiles.Batches(dataset.Batch<Numbered.Batch>(7).Prefetch(prefetch).WithMaxDegreeOfParallelism(threads));

            Assert.Equal(explicitly.Select(b => b.Epoch), byDefault.Select(b => b.Epoch));
            Assert.Equal(explicitly.Select(b => b.Ids), byDefault.Select(b => b.Ids));
        }
    }

    [Fact]
    public void Default_settings_give_every_record_once_per_epoch_with_a_slow_consumer_then_a_fast_one()
    {
        // A consumer that pauses now and then lets the buffer fill, then drains it: the depth may grow, the batches stay.
        var dataset = TfRecordDataset.FromFiles(_paths).Shuffle(30, seed: 4).Repeat(3).Batch<Numbered.Batch>(5);
        var expected = DatasetFiles.Batches(dataset.Prefetch(0).WithMaxDegreeOfParallelism(1));
        var actual = new List<(long, long[])>();
        using (var reader = dataset.Open())
        {
            while (reader.MoveNext())
            {
                if (actual.Count % 10 == 0)
                {
                    Thread.Sleep(5);
                }

                actual.Add((reader.GetCheckpoint().Epoch, DatasetFiles.IdsOf(reader.Current)));
            }

            // Whatever the tuner chose, the ring made no more batches than its depth allows.
            var ring = ((Prefetcher<Numbered.Batch, NoOutput>)reader.Source).Ring;
            int depth = ring.TunedDepth!.Value;
            Assert.InRange(depth, 1, PrefetchTuner.MaxDepth);
            Assert.InRange(ring.SlotsMade, 1, depth + dataset.MaxDegreeOfParallelism + 2);
        }

        Assert.Equal(expected.Select(b => b.Epoch), actual.Select(b => b.Item1));
        Assert.Equal(expected.Select(b => b.Ids), actual.Select(b => b.Item2));
    }

    [Fact]
    public void Explicit_settings_win()
    {
        var batches = TfRecordDataset.FromFiles(_paths).Batch<Numbered.Batch>(8);

        using (var inline = batches.Prefetch(0).WithMaxDegreeOfParallelism(1).Open())
        {
            Assert.IsNotType<Prefetcher<Numbered.Batch, NoOutput>>(inline.Source);
        }

        using (var fixedDepth = batches.Prefetch(3).Open())
        {
            var prefetcher = Assert.IsType<Prefetcher<Numbered.Batch, NoOutput>>(fixedDepth.Source);
            Assert.Null(prefetcher.Ring.TunedDepth);
            Assert.Equal(batches.MaxDegreeOfParallelism + 1, prefetcher.Threads.Count);
        }

        using var twoThreads = batches.WithMaxDegreeOfParallelism(2).Open();
        var tuned = Assert.IsType<Prefetcher<Numbered.Batch, NoOutput>>(twoThreads.Source);
        Assert.Equal(3, tuned.Threads.Count);
        Assert.Equal(1, tuned.Ring.TunedDepth);
        Assert.Equal(2, batches.Prefetch(5).WithMaxDegreeOfParallelism(2).Prefetch(TfRecordDataset.Autotune).MaxDegreeOfParallelism);
        Assert.Equal(batches.MaxDegreeOfParallelism, batches.WithMaxDegreeOfParallelism(2).WithMaxDegreeOfParallelism(TfRecordDataset.Autotune).MaxDegreeOfParallelism);
    }

    [Fact]
    public void Settings_below_their_range_are_refused()
    {
        var batches = TfRecordDataset.FromFiles(_paths).Batch<Numbered.Batch>(8);

        Assert.Throws<ArgumentOutOfRangeException>(() => batches.Prefetch(-2));
        Assert.Throws<ArgumentOutOfRangeException>(() => batches.WithMaxDegreeOfParallelism(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => batches.WithMaxDegreeOfParallelism(-2));
    }

    // tf.data's prefetch autotuner, replayed by hand: up (the buffer reached the depth), then down (found empty): double.
    [Fact]
    public void The_depth_doubles_only_when_a_buffer_that_was_full_is_found_empty()
    {
        var tuner = new PrefetchTuner(parsers: 2);
        Assert.Equal((1, 5), (tuner.Depth, tuner.Slots));

        // Workers steadily slower than the consumer: the buffer never fills, the depth stays.
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(0, tuner.RecordTake(ready: 0, batchBytes: 1000));
        }

        Assert.Equal(1, tuner.Depth);

        // Full (1 ready at depth 1), then found with 1 ready: no change; then empty: 1 -> 2.
        Assert.Equal(0, tuner.RecordTake(ready: 1, batchBytes: 1000));
        Assert.Equal(0, tuner.RecordTake(ready: 1, batchBytes: 1000));
        Assert.Equal(1, tuner.RecordTake(ready: 0, batchBytes: 1000));
        Assert.Equal((2, 6), (tuner.Depth, tuner.Slots));

        // At depth 2 one ready batch is not full, so an empty buffer after it changes nothing.
        Assert.Equal(0, tuner.RecordTake(ready: 1, batchBytes: 1000));
        Assert.Equal(0, tuner.RecordTake(ready: 0, batchBytes: 1000));
        Assert.Equal(2, tuner.Depth);

        // Bursts: 2 -> 4 -> 8 -> 16, and never past 16.
        foreach (int expected in new[] { 4, 8, 16, 16, 16 })
        {
            tuner.RecordTake(ready: tuner.Depth, batchBytes: 1000);
            tuner.RecordTake(ready: 0, batchBytes: 1000);
            Assert.Equal(expected, tuner.Depth);
        }

        Assert.Equal(16 + 2 + 2, tuner.MaxSlots);
    }

    [Fact]
    public void The_depth_grows_no_further_than_the_memory_budget_allows()
    {
        // 100 MiB batches with 2 parsers: depth 1 is 5 slots (500 MiB, within 512 MiB); depth 2 would be 600 MiB.
        var tuner = new PrefetchTuner(parsers: 2);
        tuner.RecordTake(ready: 1, batchBytes: 100L << 20);
        Assert.Equal(0, tuner.RecordTake(ready: 0, batchBytes: 100L << 20));
        Assert.Equal(1, tuner.Depth);

        // 30 MiB batches: 512 / 30 = 17 slots, so depth 13 with 2 parsers; a doubling from 8 stops there.
        var smaller = new PrefetchTuner(parsers: 2);
        foreach (int expected in new[] { 2, 4, 8, 13, 13 })
        {
            smaller.RecordTake(ready: smaller.Depth, batchBytes: 30L << 20);
            smaller.RecordTake(ready: 0, batchBytes: 30L << 20);
            Assert.Equal(expected, smaller.Depth);
        }
    }

    private IEnumerable<TfRecordDataset> Pipelines()
    {
        yield return TfRecordDataset.FromFiles(_paths);
        yield return TfRecordDataset.FromFiles(_paths).ShuffleFiles(seed: 3).Interleave(3, blockLength: 2).Shuffle(20, seed: 5).Repeat(2);
        yield return TfRecordDataset.FromFiles(_paths).Shard(1, 3, ShardBalance.Pad, ShardMode.ByRecord).ShuffleGlobally(seed: 7).Repeat(2);
    }
}
