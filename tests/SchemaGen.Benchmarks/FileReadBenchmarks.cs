using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SchemaGen.Examples;

namespace SchemaGen.Benchmarks;

/// <summary>
/// A whole 60,000-record CIFAR file (about 186 MB, in the page cache after the first pass): read + verify both
/// CRCs + parse every record's image and label, against a plain <see cref="FileStream"/> read of the same bytes.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("File")]
[Config(typeof(Throughput))]
public class FileReadBenchmarks
{
    private const int Records = 60_000;

    /// <summary>Every record is one image and a one-byte label, framed in 16 bytes: the file size is known before it is written.</summary>
    private static readonly long ExpectedFileBytes = Records * (16L + ExampleSize.Example(
        ExampleSize.FeatureEntry("image"u8, ExampleSize.BytesFeature(CifarRecord.ImageBytes)) + ExampleSize.FeatureEntry("label"u8, ExampleSize.Int64Feature(0))));

    private readonly byte[] _readBuffer = new byte[1 << 20];
    private readonly byte[] _imageOut = new byte[CifarRecord.ImageBytes];
    private readonly Cifar.Batch _batch = Cifar.Batch.Create(capacity: 256);
    private string _path = "";

    /// <summary>The file's size, to turn times into GB/s.</summary>
    public long FileBytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"schemagen-bench-{Records}.tfrecord");
        using (var writer = new TfRecordWriter(_path))
        {
            var buffer = new byte[8192];
            for (int i = 0; i < Records; i++)
            {
                var example = new ExampleWriter(buffer);
                example.WriteBytes("image"u8, CifarRecord.Image(i));
                example.WriteInt64("label"u8, CifarRecord.Label(i));
                writer.Write(buffer.AsSpan(0, example.Complete()));
            }
        }

        FileBytes = new FileInfo(_path).Length;
        if (FileBytes != ExpectedFileBytes)
        {
            throw new InvalidOperationException($"The file holds {FileBytes} bytes, not the {ExpectedFileBytes} the GB/s column divides.");
        }

        Console.WriteLine($"// {Records} records, {FileBytes} bytes in {_path}");
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark(Baseline = true, Description = "FileStream read of the file")]
    public long PlainRead()
    {
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        long total = 0;
        int read;
        while ((read = stream.Read(_readBuffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    [Benchmark(Description = "TfRecordReader read + verify + parse")]
    public long ReadVerifyParse()
    {
        using var reader = new TfRecordReader(_path);
        long labels = 0;
        Span<long> label = stackalloc long[1];
        while (reader.TryReadNext(out var record))
        {
            var example = new ExampleReader(record.Span);
            if (!example.TryGetFeature("image"u8, out var image) || !example.TryGetFeature("label"u8, out var labelFeature))
            {
                throw new InvalidDataException($"Record at {reader.RecordOffset} lacks image or label.");
            }

            image.CopyTo(_imageOut);
            labelFeature.CopyTo(label);
            labels += label[0];
        }

        return labels;
    }

    [Benchmark(Description = "TfRecordReader read + verify")]
    public long ReadVerify()
    {
        using var reader = new TfRecordReader(_path);
        long bytes = 0;
        while (reader.TryReadNext(out var record))
        {
            bytes += record.Length;
        }

        return bytes;
    }

    [Benchmark(Description = "TfRecordReader read + verify + Cifar.ParseInto a batch")]
    public long ReadVerifyParseIntoBatch()
    {
        using var reader = new TfRecordReader(_path);
        long labels = 0;
        int row = 0;
        while (reader.TryReadNext(out var record))
        {
            if (row == _batch.Capacity)
            {
                labels += _batch.Label[^1];
                _batch.Clear();
                row = 0;
            }

            Cifar.ParseInto(record.Span, _batch, row++);
        }

        return labels;
    }

    private sealed class Throughput : ManualConfig
    {
        public Throughput() => AddColumn(RateColumn.GigabytesPerSecond(ExpectedFileBytes));
    }
}
