using SchemaGen.Datasets;

namespace SchemaGen.Runtime.Tests.Datasets;

/// <summary>Workers stop on Dispose and on cancellation; batches are pooled; the reader's contract holds.</summary>
public sealed class LifetimeTests : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _directory = new();
    private readonly string[] _paths;

    public LifetimeTests() => _paths = DatasetFiles.Write(_directory, [300, 200]);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Dispose_stops_every_worker_thread(int batchesRead)
    {
        // Forever, with a shuffle buffer the reading thread is busy filling: there is always work left.
        var reader = Forever().Batch<Numbered.Batch>(16).Prefetch(4).WithMaxDegreeOfParallelism(3).Open();
        var prefetcher = (Prefetcher<Numbered.Batch, NoOutput>)reader.Source;
        Assert.Equal(4, prefetcher.Threads.Count);
        for (int i = 0; i < batchesRead; i++)
        {
            Assert.True(reader.MoveNext());
        }

        reader.Dispose();

        Assert.Equal(0, prefetcher.RunningThreads);
        Assert.All(prefetcher.Threads, thread => Assert.False(thread.IsAlive));
        Assert.Throws<ObjectDisposedException>(() => reader.MoveNext());
    }

    [Fact]
    public async Task DisposeAsync_stops_every_worker_thread()
    {
        var reader = Forever().Batch<Numbered.Batch>(16).Prefetch(2).WithMaxDegreeOfParallelism(2).Open();
        var prefetcher = (Prefetcher<Numbered.Batch, NoOutput>)reader.Source;
        Assert.True(await reader.MoveNextAsync());

        await reader.DisposeAsync().AsTask().WaitAsync(HangGuard);

        Assert.Equal(0, prefetcher.RunningThreads);
        Assert.All(prefetcher.Threads, thread => Assert.True(thread.Join(HangGuard)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Cancelling_stops_the_reader_with_OperationCanceledException(int threads)
    {
        using var cancellation = new CancellationTokenSource();
        var batches = ExactlyOnceTests.Parallelize(Forever().Batch<Numbered.Batch>(16), threads);
        using var reader = batches.Open(cancellation.Token);
        Assert.True(reader.MoveNext());

        cancellation.Cancel();

        var error = Assert.ThrowsAny<OperationCanceledException>(() => reader.MoveNext());
        Assert.Equal(cancellation.Token, error.CancellationToken);
        if (reader.Source is Prefetcher<Numbered.Batch, NoOutput> prefetcher)
        {
            Assert.All(prefetcher.Threads, thread => Assert.True(thread.Join(HangGuard)));
        }
    }

    [Fact]
    public async Task Cancelling_ends_an_await_foreach_that_is_waiting()
    {
        using var cancellation = new CancellationTokenSource();
        var batches = Forever().Batch<Numbered.Batch>(16).Prefetch(1);
        int seen = 0;

        var loop = Task.Run(async () =>
        {
            await foreach (var batch in batches.WithCancellation(cancellation.Token))
            {
                if (++seen == 5)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop.WaitAsync(HangGuard));
        Assert.Equal(5, seen);
    }

    [Fact]
    public void A_token_cancelled_before_the_start_gives_no_batch()
    {
        var batches = TfRecordDataset.FromFiles(_paths).Batch<Numbered.Batch>(16).Prefetch(2);
        using var reader = batches.Open(new CancellationToken(canceled: true));

        Assert.ThrowsAny<OperationCanceledException>(() => reader.MoveNext());
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 2)]
    public void Batches_are_pooled_and_reused(int prefetch, int threads)
    {
        var batches = TfRecordDataset.FromFiles(_paths).Repeat(4).Batch<Numbered.Batch>(10).Prefetch(prefetch).WithMaxDegreeOfParallelism(threads);
        var distinct = new HashSet<Numbered.Batch>(ReferenceEqualityComparer.Instance);
        int count = 0;
        foreach (var batch in batches)
        {
            distinct.Add(batch);
            count++;
        }

        Assert.Equal(200, count);

        // The ring: prefetched + parsing + reading + lent (inline: the one batch).
        Assert.InRange(distinct.Count, 1, prefetch == 0 && threads == 1 ? 1 : prefetch + threads + 2);
    }

    [Fact]
    public void Current_is_only_valid_after_a_successful_move()
    {
        using var reader = TfRecordDataset.FromFiles(_paths).Batch<Numbered.Batch>(250).Open();

        Assert.Throws<InvalidOperationException>(() => reader.Current);
        Assert.True(reader.MoveNext());
        Assert.Equal(250, reader.Current.Count);
        Assert.True(reader.MoveNext());
        Assert.False(reader.MoveNext());
        Assert.Throws<InvalidOperationException>(() => reader.Current);
        Assert.False(reader.MoveNext());
    }

    [Fact]
    public void The_record_buffers_return_to_the_pool()
    {
        var pool = new RecordBufferPool();
        var record = new RecordView(new byte[] { 1, 2, 3 }, 0, 0);
        var first = pool.Keep(record);
        Assert.Equal([1, 2, 3], first.Data.ToArray());
        var buffer = first.Buffer;

        pool.Return(new[] { first });

        Assert.Same(buffer, pool.Keep(record).Buffer);
        pool.Dispose();
    }

    public void Dispose() => _directory.Dispose();

    private TfRecordDataset Forever() => TfRecordDataset.FromFiles(_paths).Interleave(2).Shuffle(400, seed: 1).Repeat();
}
