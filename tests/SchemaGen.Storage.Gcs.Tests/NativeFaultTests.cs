using Google.Apis.Http;
using Google.Apis.Services;
using Google.Apis.Storage.v1;
using Google.Cloud.Storage.V1;

namespace SchemaGen.Storage.Gcs.Tests;

/// <summary>
/// Transient faults between Google.Cloud.Storage.V1 and the emulator (latency, 503s, a cut or stalled response), put
/// there by a <see cref="FaultProxy"/>, are retried by the core and resumed at the byte reached: the records read are
/// the file's, each once. The client has the SDK's own retries off, so what is tested is the store's retrying.
/// </summary>
/// <remarks>
/// Not here: a server killed and restarted mid-read, as the S3 and Azure tests do; the emulator keeps objects in memory
/// and a restarted one has none.
/// </remarks>
public sealed class NativeFaultTests : IClassFixture<GcsEmulator>, IDisposable
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

    private readonly string _key = GcsEmulator.NewPrefix() + "big.tfrecord";
    private readonly TempDirectory _directory = new();
    private readonly FaultProxy _proxy;
    private readonly StorageClient _client;
    private readonly GcsObjectStore _store;
    private readonly string _local;
    private readonly IReadOnlyList<byte[]> _expected;

    public NativeFaultTests(GcsEmulator gcs)
    {
        _local = LocalFiles.Write(_directory, [1500], padding: 3000)[0];
        gcs.PutFile(_key, _local);
        _expected = TfRecordReader.ReadAllRecords(_local);
        _proxy = new FaultProxy(gcs.Server.Port);
        _client = new StorageClientImpl(new StorageService(new BaseClientService.Initializer
        {
            BaseUri = $"{_proxy.Endpoint}/storage/v1/",
            DefaultExponentialBackOffPolicy = ExponentialBackOffPolicy.None,
        }));
        _store = GcsObjectStore.Register(_client);
    }

    [Fact]
    public void Injected_503s_are_retried()
    {
        using var reader = Open();
        _proxy.FailNext(6);
        Assert.Equal(_expected, reader.ReadAll());
        Assert.Equal(0, _proxy.PendingFailures);
    }

    [Fact]
    public void Injected_latency_changes_nothing_read()
    {
        _proxy.Latency = TimeSpan.FromMilliseconds(20);
        using var reader = Open();
        Assert.Equal(_expected, reader.ReadAll());
    }

    [Fact]
    public void A_connection_cut_mid_body_is_resumed_at_the_byte_reached()
    {
        using var reader = Open();
        _proxy.CutNextResponseAfter(100_000);
        Assert.Equal(_expected, reader.ReadAll());
        Assert.True(_proxy.Requests > new FileInfo(_local).Length / Quick.ChunkSize, "the cut response was read again from where it broke off");
    }

    [Fact]
    public void A_stalled_response_times_out_and_is_resumed()
    {
        using var reader = Open();
        _proxy.StallNextResponseAfter(70_000);
        Assert.Equal(_expected, reader.ReadAll());
    }

    private TfRecordReader Open()
    {
        var info = _store.GetInfoAsync(ObjectUri.Parse(GcsEmulator.Uri(_key)), default).GetAwaiter().GetResult();
        return new TfRecordReader(new ObjectReadStream(_store, info, Quick), displayName: info.Uri.ToString());
    }

    public void Dispose()
    {
        _client.Dispose();
        _proxy.Dispose();
        _directory.Dispose();
    }
}
