
namespace SchemaGen.Storage.S3.Tests;

/// <summary>
/// Transient faults between the SDK and the server (a server killed and restarted, latency, 503s, a cut or stalled
/// response) are retried and resumed at the byte reached: the records read are the file's, each once. Permanent ones
/// (wrong credentials, a missing bucket or key) are clear errors naming the address and never the secret.
/// </summary>
public sealed class FaultTests : IDisposable
{
    // Small chunks, short waits: a few MB cross many requests, and a stall is noticed in a second.
    private static readonly ObjectIoSettings Quick = new()
    {
        ChunkSize = 256 << 10,
        ChunksInFlight = 3,
        StallTimeout = TimeSpan.FromSeconds(1),
        FirstRetryDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromMilliseconds(500),
        MaxAttempts = 30,
    };

    private readonly S3Harness _s3 = new(proxy: true);
    private readonly TempDirectory _directory = new();
    private readonly string _local;
    private readonly IReadOnlyList<byte[]> _expected;

    public FaultTests()
    {
        _local = LocalFiles.Write(_directory, [1500], padding: 3000)[0];
        _s3.PutFile("big.tfrecord", _local);
        _expected = TfRecordReader.ReadAllRecords(_local);
    }

    [Fact]
    public async Task A_server_killed_and_restarted_mid_read_is_resumed_with_the_same_records()
    {
        using var reader = Open(out _);
        var read = new List<byte[]>();
        while (read.Count < 400 && reader.TryReadNext(out var record))
        {
            read.Add(record.ToArray());
        }

        _s3.Server.Stop();
        var restart = Task.Run(() =>
        {
            Thread.Sleep(1500);
            _s3.Server.Start();
        });
        read.AddRange(reader.ReadAll());
        await restart;

        Assert.Equal(_expected, read);
    }

    [Fact]
    public void Injected_503s_are_retried()
    {
        using var reader = Open(out _);
        _s3.Proxy!.FailNext(6);
        Assert.Equal(_expected, reader.ReadAll());
        Assert.Equal(0, _s3.Proxy.PendingFailures);
    }

    [Fact]
    public void Injected_latency_changes_nothing_read()
    {
        _s3.Proxy!.Latency = TimeSpan.FromMilliseconds(20);
        using var reader = Open(out _);
        Assert.Equal(_expected, reader.ReadAll());
    }

    [Fact]
    public void A_connection_cut_mid_body_is_resumed_at_the_byte_reached()
    {
        using var reader = Open(out _);
        _s3.Proxy!.CutNextResponseAfter(100_000);
        Assert.Equal(_expected, reader.ReadAll());
        Assert.True(_s3.Proxy.Requests > _local.Length / Quick.ChunkSize, "the cut response was read again from where it broke off");
    }

    [Fact]
    public void A_stalled_response_times_out_and_is_resumed()
    {
        using var reader = Open(out _);
        _s3.Proxy!.StallNextResponseAfter(70_000);
        Assert.Equal(_expected, reader.ReadAll());
    }

    [Fact]
    public void Wrong_credentials_are_a_clear_error_without_the_secret()
    {
        // s3rver checks the access key id (not SigV4 signatures): a key it does not know is refused.
        const string Key = "AKIAWRONGKEY0000";
        const string Secret = "wrong-secret-Zq83Lr0Kd";
        using var wrong = new S3Harness(accessKey: Key, secret: Secret);
        wrong.PutFile("x.tfrecord", _local);

        var e = Assert.Throws<UnauthorizedAccessException>(() => TfRecordDataset.FromFiles(wrong.Uri("x.tfrecord")));
        Assert.Contains(wrong.Uri("x.tfrecord"), e.Message);
        Assert.Contains("refused", e.Message);
        Assert.DoesNotContain(Secret, e.ToString());
        Assert.DoesNotContain(Key, e.Message);

        var listing = Assert.Throws<UnauthorizedAccessException>(() => TfRecordDataset.FromFiles(wrong.Uri("x*")));
        Assert.Contains("InvalidAccessKeyId", listing.Message);
        Assert.DoesNotContain(Secret, listing.ToString());
        Assert.DoesNotContain(Key, listing.Message);
    }

    [Fact]
    public void A_missing_bucket_or_key_is_a_clear_error()
    {
        // A second object: s3rver answers the one-key listing that tells a missing key from a missing bucket with a 500
        // when the bucket holds more than one key (its continuation token), which must not hide the answer.
        _s3.Put("second.tfrecord", [1, 2, 3]);
        var key = Assert.Throws<FileNotFoundException>(() => new TfRecordReader(_s3.Uri("missing.tfrecord")));
        Assert.Equal($"{_s3.Uri("missing.tfrecord")}: no such object.", key.Message);

        string noBucket = $"{_s3.Scheme}://no-such-bucket/train-*.tfrecord";
        var bucket = Assert.Throws<FileNotFoundException>(() => TfRecordDataset.FromFiles(noBucket));
        Assert.Contains("no-such-bucket", bucket.Message);
        Assert.Contains("does not exist", bucket.Message);
    }

    [Fact]
    public void An_object_replaced_mid_read_is_an_ObjectChangedException()
    {
        using var reader = Open(out _);
        Assert.True(reader.TryReadNext(out _));
        _s3.Put("big.tfrecord", File.ReadAllBytes(_local).Reverse().ToArray());

        var e = Assert.Throws<ObjectChangedException>(() => reader.ReadAll().ToList());
        Assert.Equal(_s3.Uri("big.tfrecord"), e.Uri.ToString());
        Assert.True(e.Offset > 0);
    }

    [Fact]
    public async Task A_write_that_fails_leaves_no_object()
    {
        var settings = Quick with { MaxAttempts = 2, PartSize = 5 << 20 };
        var stream = await ObjectWriteStream.StartAsync(_s3.Store, ObjectUri.Parse(_s3.Uri("failed.tfrecord")), settings, default);
        _s3.Proxy!.FailNext(1000);
        var write = Record.Exception(() =>
        {
            using var writer = new TfRecordWriter(stream);
            for (int i = 0; i < 3000; i++)
            {
                writer.Write(NumberedRecordFiles.Payload(i, 5000));
            }
        });
        _s3.Proxy.FailNext(0);

        Assert.IsAssignableFrom<IOException>(write);
        Assert.DoesNotContain("failed.tfrecord", _s3.Keys());
    }

    [Fact]
    public void A_writer_never_disposed_leaves_no_object()
    {
        var writer = new TfRecordWriter(_s3.Uri("abandoned.tfrecord"));
        for (int i = 0; i < 3000; i++)
        {
            writer.Write(NumberedRecordFiles.Payload(i, 5000));
        }

        // 15 MB written, one part uploaded, and the process "dies": nothing completes the upload.
        Assert.DoesNotContain("abandoned.tfrecord", _s3.Keys());
        GC.KeepAlive(writer);
    }

    [Fact]
    public void A_writer_that_faulted_aborts_its_upload()
    {
        var records = Enumerable.Range(0, 10).Select(i => NumberedRecordFiles.Payload(i, 100)).ToList();
        using (var writer = new TfRecordWriter(_s3.Uri("faulted.tfrecord")))
        {
            records.ForEach(r => writer.Write(r));
            _s3.Server.Stop();
            var e = Record.Exception(writer.Dispose);
            Assert.IsAssignableFrom<IOException>(e);
        }

        _s3.Server.Start();
        Assert.DoesNotContain("faulted.tfrecord", _s3.Keys());
    }

    private TfRecordReader Open(out ObjectReadStream stream)
    {
        var info = _s3.Store.GetInfoAsync(ObjectUri.Parse(_s3.Uri("big.tfrecord")), default).GetAwaiter().GetResult();
        stream = new ObjectReadStream(_s3.Store, info, Quick);
        return new TfRecordReader(stream, displayName: info.Uri.ToString());
    }

    public void Dispose()
    {
        _s3.Dispose();
        _directory.Dispose();
    }
}
