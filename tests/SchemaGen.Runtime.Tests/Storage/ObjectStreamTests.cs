using SchemaGen.Storage;

namespace SchemaGen.Runtime.Tests.Storage;

/// <summary>The read-ahead and multipart streams: exact bytes through faults, clear failures, nothing partial written.</summary>
public sealed class ObjectStreamTests
{
    private static readonly ObjectIoSettings Small = new()
    {
        ChunkSize = 1000,
        ChunksInFlight = 3,
        PartSize = 1024,
        PartsInFlight = 2,
        MaxAttempts = 4,
        FirstRetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(5),
    };

    private readonly MemoryObjectStore _store = new();

    [Fact]
    public void Read_ahead_gives_the_object_exactly_through_transient_failures_and_short_reads()
    {
        var bytes = Bytes(10_500);
        var info = _store.Put("a", bytes);
        _store.FailNext(3);
        _store.ShortenNext(5);

        using var stream = new ObjectReadStream(_store, info, Small);
        var copy = new MemoryStream();
        stream.CopyTo(copy, 777);

        Assert.Equal(bytes, copy.ToArray());
        Assert.True(_store.Reads >= 11 + 3 + 5, "every chunk was read, the failed and short reads were read again");
    }

    [Fact]
    public async Task Read_ahead_gives_the_bytes_of_a_range_that_have_arrived_before_the_rest_of_it()
    {
        var bytes = Bytes(4000);
        var info = _store.Put("a", bytes);
        _store.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stream = new ObjectReadStream(_store, info, Small);

        // Every range has reported its first 500 bytes and holds the rest back.
        var head = new byte[500];
        await Task.Run(() => stream.ReadExactly(head)).WaitAsync(TimeSpan.FromSeconds(30));
        var next = stream.ReadExactlyAsync(new byte[100]).AsTask();
        Assert.False(next.IsCompleted);
        _store.Gate.SetResult();
        await next;
        var rest = new byte[3400];
        stream.ReadExactly(rest);

        Assert.Equal(bytes[..500], head);
        Assert.Equal(bytes[600..], rest);
    }

    [Fact]
    public void Bytes_reported_before_a_range_broke_off_are_read_once()
    {
        var bytes = Bytes(10_500);
        var info = _store.Put("a", bytes);
        _store.BreakNextAfterHalf(4);

        using var stream = new ObjectReadStream(_store, info, Small);
        var copy = new MemoryStream();
        stream.CopyTo(copy, 333);

        Assert.Equal(bytes, copy.ToArray());
        Assert.True(_store.Reads >= 11 + 4, "the broken-off ranges were read again");
    }

    [Fact]
    public void A_seek_reads_from_the_new_position()
    {
        var bytes = Bytes(5000);
        var info = _store.Put("a", bytes);
        using var stream = new ObjectReadStream(_store, info, Small);
        var head = new byte[10];
        stream.ReadExactly(head);
        stream.Position = 4321;
        var tail = new byte[679];
        stream.ReadExactly(tail);

        Assert.Equal(bytes[..10], head);
        Assert.Equal(bytes[4321..], tail);
        Assert.Equal(0, stream.Read(new byte[1]));
    }

    [Fact]
    public void Random_access_fetches_the_announced_range_in_one_request()
    {
        var bytes = Bytes(5000);
        var info = _store.Put("a", bytes);
        using var stream = new ObjectReadStream(_store, info, Small, readAhead: false);
        stream.Position = 2000;
        stream.Expect(2000, 300);
        var record = new byte[300];
        stream.ReadExactly(record);

        Assert.Equal(bytes[2000..2300], record);
        Assert.Equal(1, _store.Reads);
    }

    [Fact]
    public void Giving_up_names_the_address_and_the_offset()
    {
        var info = _store.Put("a", Bytes(3000));

        // One chunk in flight: the second is requested only when the first is consumed, after the faults begin.
        using var stream = new ObjectReadStream(_store, info, Small with { ChunksInFlight = 1 });
        stream.ReadExactly(new byte[1000]);
        _store.FailNext(1000);

        var e = Assert.Throws<IOException>(() => stream.ReadExactly(new byte[1000]));
        Assert.Contains("mem://b/a", e.Message);
        Assert.Contains("offset 1000", e.Message);
        Assert.Contains("4 times", e.Message);
    }

    [Fact]
    public void A_replaced_object_is_an_ObjectChangedException()
    {
        var info = _store.Put("a", Bytes(3000));
        using var stream = new ObjectReadStream(_store, info, Small with { ChunksInFlight = 1 });
        stream.ReadExactly(new byte[500]);
        _store.Put("a", Bytes(3000));

        var e = Assert.Throws<ObjectChangedException>(() => stream.ReadExactly(new byte[1000]));
        Assert.Equal(1000, e.Offset);
    }

    [Fact]
    public void A_permanent_error_is_not_retried()
    {
        var info = _store.Put("a", Bytes(3000));
        _store.PermanentFailure = new InvalidOperationException("400 Bad Request (injected)");
        using var stream = new ObjectReadStream(_store, info, Small);

        var e = Assert.Throws<IOException>(() => stream.ReadExactly(new byte[10]));
        Assert.Contains("mem://b/a", e.Message);
        Assert.IsType<InvalidOperationException>(e.InnerException);
        Assert.InRange(_store.Reads, 1, Small.ChunksInFlight);
    }

    [Fact]
    public async Task A_written_object_holds_the_parts_in_order()
    {
        var bytes = Bytes(10_000);
        var stream = await ObjectWriteStream.StartAsync(_store, new ObjectUri("mem", "b", "w"), Small, default);
        for (int i = 0; i < bytes.Length; i += 333)
        {
            stream.Write(bytes.AsSpan(i, Math.Min(333, bytes.Length - i)));
        }

        Assert.Null(_store.Get("w"));
        await stream.DisposeAsync();

        Assert.Equal(bytes, _store.Get("w"));
        Assert.Equal(10, _store.PartsUploaded);
        Assert.Equal(bytes.Length, stream.Written!.Length);
    }

    [Fact]
    public async Task An_abandoned_or_failed_upload_leaves_no_object()
    {
        var abandoned = await ObjectWriteStream.StartAsync(_store, new ObjectUri("mem", "b", "x"), Small, default);
        abandoned.Write(Bytes(5000));
        abandoned.Abandon();
        abandoned.Dispose();
        Assert.Null(_store.Get("x"));

        var failed = await ObjectWriteStream.StartAsync(_store, new ObjectUri("mem", "b", "y"), Small, default);
        _store.PermanentFailure = new InvalidOperationException("403 (injected)");
        var e = Record.Exception(() =>
        {
            failed.Write(Bytes(5000));
            failed.Dispose();
        });
        Assert.IsType<IOException>(e);
        Assert.Contains("mem://b/y", e.Message);
        Assert.Null(_store.Get("y"));
    }

    private static byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }
}
