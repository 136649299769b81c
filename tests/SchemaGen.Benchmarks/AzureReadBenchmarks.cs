using Azure.Storage.Blobs;
using BenchmarkDotNet.Attributes;
using SchemaGen.Examples;
using SchemaGen.Storage.Azure;
using SchemaGen.Testing.Storage;

namespace SchemaGen.Benchmarks;

/// <summary>
/// Reading 80,000 CIFAR records in 8 shards (about 256 MB, the workload of <see cref="ObjectStorageBenchmarks"/>) from
/// Azure Blob Storage as Azurite serves it on this machine, through the fault proxy with 0 or 20 ms added to every
/// request's round trip: the dataset pipeline (interleave 4, batches of 256, 2 parsers, prefetch 4, parallel ranged
/// reads underneath) from <c>az://</c>, the same pipeline over the same files on local disk, and the plain sequential
/// whole-blob download of the same blobs by the SDK (<c>DownloadTo</c>), which is what the server gives one client and
/// so the ceiling. Records/s = 80,000 / time. Needs Node (npm azurite, as the tests).
/// Memory in flight: AzureObjectStore's read-ahead, 2 ranges of 8 MiB per open blob, times the interleave's 4 open
/// blobs: 64 MiB at most.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Storage")]
public class AzureReadBenchmarks
{
    private const int Records = 80_000;
    private const int Shards = 8;
    private const string Container = "bench";

    private string _directory = "";
    private AzuriteServer _azurite = null!;
    private FaultProxy _proxy = null!;
    private BlobContainerClient _blobs = null!;

    /// <summary>Milliseconds the proxy adds before forwarding each request.</summary>
    [Params(0, 20)]
    public int LatencyMs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"schemagen-bench-azure-{Environment.ProcessId}");
        Directory.CreateDirectory(_directory);
        _azurite = new AzuriteServer();
        var direct = new BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient(Container);
        direct.CreateIfNotExists();
        var buffer = new byte[8192];
        for (int shard = 0; shard < Shards; shard++)
        {
            string path = Path.Combine(_directory, $"train.tfrecord-{shard:00000}-of-{Shards:00000}");
            using (var writer = new TfRecordWriter(path))
            {
                for (int i = shard * (Records / Shards); i < (shard + 1) * (Records / Shards); i++)
                {
                    var example = new ExampleWriter(buffer);
                    example.WriteBytes("image"u8, CifarRecord.Image(i));
                    example.WriteInt64("label"u8, CifarRecord.Label(i));
                    writer.Write(buffer.AsSpan(0, example.Complete()));
                }
            }

            direct.GetBlobClient(Path.GetFileName(path)).Upload(path, overwrite: true);
        }

        _proxy = new FaultProxy(_azurite.Port) { Latency = TimeSpan.FromMilliseconds(LatencyMs) };
        var client = new BlobServiceClient(_azurite.ConnectionString.Replace(_azurite.Endpoint, _proxy.Endpoint, StringComparison.Ordinal));
        _blobs = client.GetBlobContainerClient(Container);
        AzureObjectStore.Register(client);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _proxy.Dispose();
        _azurite.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "SDK DownloadTo of each whole blob, sequentially (the server's ceiling)")]
    public long WholeBlobDownload()
    {
        long bytes = 0;
        foreach (var blob in _blobs.GetBlobs())
        {
            using var sink = new CountingSink();
            _blobs.GetBlobClient(blob.Name).DownloadTo(sink);
            bytes += sink.Length;
        }

        return bytes;
    }

    [Benchmark(Description = "Pipeline from az:// (interleave 4, batches of 256)")]
    public long PipelineFromAzure() => Sum(TfRecordDataset.FromFiles($"az://{Container}/train.tfrecord-*"));

    [Benchmark(Description = "Pipeline from local disk (the same files)")]
    public long PipelineFromDisk() => Sum(TfRecordDataset.FromFiles(Path.Combine(_directory, "train.tfrecord-*")));

    private static long Sum(TfRecordDataset files)
    {
        long labels = 0;
        foreach (var batch in files.Interleave(cycleLength: 4).Batch<CifarSample.Batch>(256).Prefetch(4).WithMaxDegreeOfParallelism(2))
        {
            labels += batch.Label[0] + batch.Count;
        }

        return labels;
    }

    /// <summary>Discards what is written, counting it.</summary>
    private sealed class CountingSink : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
