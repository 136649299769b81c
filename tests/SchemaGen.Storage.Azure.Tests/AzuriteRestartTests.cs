using Azure.Storage.Blobs;

namespace SchemaGen.Storage.Azure.Tests;

/// <summary>
/// Azurite killed mid-read (as a crash) and started again on the same port and folder: the read waits it out, resumes
/// each range at the byte it reached, and gives the records written, in order, each once.
/// </summary>
public sealed class AzuriteRestartTests : IDisposable
{
    private const string Container = "restart";
    private const string Key = "big.tfrecord";
    private const int Count = 3000;

    // Small ranges and quick retries: about 1.7 MB crosses many requests, and the wait for the restart is bounded.
    private static readonly ObjectIoSettings Quick = new()
    {
        ChunkSize = 64 << 10,
        ChunksInFlight = 3,
        StallTimeout = TimeSpan.FromSeconds(5),
        FirstRetryDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromMilliseconds(500),
        MaxAttempts = 40,
    };

    private readonly AzuriteServer _server = new();
    private readonly TempDirectory _temp = new();
    private readonly List<byte[]> _written = Enumerable.Range(0, Count).Select(i => Records.Record(i)).ToList();
    private readonly AzureObjectStore _store;

    public AzuriteRestartTests()
    {
        // The SDK's own retries off: the core's retries must carry the read across the restart.
        var client = new BlobServiceClient(_server.ConnectionString, new BlobClientOptions { Retry = { MaxRetries = 0 } });
        var blobs = client.GetBlobContainerClient(Container);
        blobs.Create();
        string local = _temp.File(Key);
        using (var writer = new TfRecordWriter(local))
        {
            _written.ForEach(r => writer.Write(r));
        }

        blobs.GetBlobClient(Key).Upload(local);
        _server.WaitUntilSaved(Key);
        _store = new AzureObjectStore(client);
    }

    [Fact]
    public async Task Azurite_killed_and_restarted_mid_read_is_resumed_with_the_same_records()
    {
        var info = await _store.GetInfoAsync(ObjectUri.Parse($"az://{Container}/{Key}"), default);
        using var stream = new ObjectReadStream(_store, info, Quick);
        using var reader = new TfRecordReader(stream, displayName: info.Uri.ToString());
        var read = new List<byte[]>();
        while (read.Count < 700 && reader.TryReadNext(out var record))
        {
            read.Add(record.ToArray());
        }

        long reached = stream.Position;
        _server.Stop();
        var restart = Task.Run(() =>
        {
            Thread.Sleep(1500);
            _server.Start();
        });
        read.AddRange(reader.ReadAll());
        await restart;

        Assert.True(reached + (Quick.ChunkSize * Quick.ChunksInFlight) < info.Length, "the server was killed with ranges still to request");
        Assert.Equal(Count, read.Count);
        Assert.Equal(_written, read);
    }

    public void Dispose()
    {
        _server.Dispose();
        _temp.Dispose();
    }
}
