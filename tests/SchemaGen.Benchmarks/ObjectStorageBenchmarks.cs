using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SchemaGen.Datasets;
using SchemaGen.Examples;
using SchemaGen.Storage;
using SchemaGen.Storage.S3;
using SchemaGen.Testing.Storage;

namespace SchemaGen.Benchmarks;

/// <summary>
/// Reading about 256 MB of CIFAR shards (8 objects of 10,000 records) from a local S3 server (s3rver) through the
/// dataset pipeline, against the same files on local disk and against the server's ceiling here: a plain sequential
/// whole-object download by the SDK (GetObject, then CopyTo Stream.Null). <c>LatencyMs</c> puts a FaultProxy between
/// the SDK and the server that delays every request. Targets: the pipeline at 0 ms at least 0.8x the plain download;
/// at 20 ms at least 0.8x its own 0 ms rate. Memory in flight per object: ObjectIoSettings' 4 chunks x 4 MiB, times the
/// interleave's 4 open objects: 64 MiB.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Storage")]
[Config(typeof(Throughput))]
public class ObjectStorageBenchmarks
{
    private const int Shards = 8;
    private const int RecordsPerShard = 10_000;
    private const int Records = Shards * RecordsPerShard;
    private const int BatchSize = 256;

    private static readonly long RecordBytes = 16L + ExampleSize.Example(
        ExampleSize.FeatureEntry("image"u8, ExampleSize.BytesFeature(CifarRecord.ImageBytes)) + ExampleSize.FeatureEntry("label"u8, ExampleSize.Int64Feature(0)));

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "schemagen-bench-objects");
    private S3Server? _server;
    private FaultProxy? _proxy;
    private AmazonS3Client? _client;
    private BatchDataset<CifarSample.Batch>? _fromS3;
    private BatchDataset<CifarSample.Batch>? _fromDisk;

    /// <summary>The latency the proxy adds to every request, in milliseconds.</summary>
    [Params(0, 20)]
    public int LatencyMs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_directory);
        _server = new S3Server("bench");
        _proxy = new FaultProxy(_server.Port) { Latency = TimeSpan.FromMilliseconds(LatencyMs) };
        _client = Client(_proxy.Endpoint);
        var buffer = new byte[8192];
        for (int shard = 0; shard < Shards; shard++)
        {
            string path = Path.Combine(_directory, $"train.tfrecord-{shard:00000}");
            if (!File.Exists(path) || new FileInfo(path).Length != RecordBytes * RecordsPerShard)
            {
                using var writer = new TfRecordWriter(path);
                for (int i = 0; i < RecordsPerShard; i++)
                {
                    var example = new ExampleWriter(buffer);
                    example.WriteBytes("image"u8, CifarRecord.Image(i));
                    example.WriteInt64("label"u8, CifarRecord.Label(i));
                    writer.Write(buffer.AsSpan(0, example.Complete()));
                }
            }

            using var direct = Client(_server.Endpoint);
            direct.PutObjectAsync(new PutObjectRequest
            {
                BucketName = "bench",
                Key = Path.GetFileName(path),
                FilePath = path,
                UseChunkEncoding = false,
            }).GetAwaiter().GetResult();
        }

        ObjectStores.Register(new S3ObjectStore(_client, "s3bench"));
        _fromS3 = Pipeline("s3bench://bench/train.tfrecord-*");
        _fromDisk = Pipeline(Path.Combine(_directory, "train.tfrecord-*"));
        Console.WriteLine($"// {Records} records, {RecordBytes * Records:N0} bytes in {Shards} objects; {LatencyMs} ms per request");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client?.Dispose();
        _proxy?.Dispose();
        _server?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "SDK GetObject whole objects, sequential (the server's ceiling)")]
    public long PlainDownload()
    {
        long total = 0;
        for (int shard = 0; shard < Shards; shard++)
        {
            using var response = _client!.GetObjectAsync("bench", $"train.tfrecord-{shard:00000}").GetAwaiter().GetResult();
            using var counting = new CountingStream();
            response.ResponseStream.CopyTo(counting);
            total += counting.Length;
        }

        return total;
    }

    [Benchmark(Description = "Dataset from S3 (ranged read-ahead, interleave 4)")]
    public long DatasetFromS3() => Count(_fromS3!);

    [Benchmark(Description = "Dataset from local disk (same pipeline)")]
    public long DatasetFromDisk() => Count(_fromDisk!);

    private static BatchDataset<CifarSample.Batch> Pipeline(string pattern) =>
        TfRecordDataset.FromFiles(pattern).Interleave(cycleLength: 4).Batch<CifarSample.Batch>(BatchSize).Prefetch(4).WithMaxDegreeOfParallelism(2);

    private static long Count(BatchDataset<CifarSample.Batch> dataset)
    {
        long records = 0;
        foreach (var batch in dataset)
        {
            records += batch.Count;
        }

        return records == Records ? records : throw new InvalidOperationException($"Read {records} records, not {Records}.");
    }

    private static AmazonS3Client Client(string endpoint) => new(
        new BasicAWSCredentials(S3Server.AccessKey, S3Server.SecretKey),
        new AmazonS3Config
        {
            ServiceURL = endpoint,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });

    // Stream.Null, counting what it is given.
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }

    private sealed class Throughput : ManualConfig
    {
        public Throughput()
        {
            AddColumn(RateColumn.GigabytesPerSecond(RecordBytes * Records));
            AddColumn(RateColumn.ImagesPerSecond(Records));
        }
    }
}
