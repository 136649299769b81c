using BenchmarkDotNet.Attributes;

namespace SchemaGen.Benchmarks;

/// <summary>
/// A whole 60,000-record CIFAR file (about 186 MB, in the page cache after the first pass): read + verify both
/// CRCs + parse every record's image and label, against a plain <see cref="FileStream"/> read of the same bytes.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("File")]
public class FileReadBenchmarks
{
    private const int Records = 60_000;
    private readonly byte[] _readBuffer = new byte[1 << 20];
    private readonly byte[] _imageOut = new byte[CifarRecord.ImageBytes];
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

            foreach (var value in image.EnumerateBytes())
            {
                value.CopyTo(_imageOut);
            }

            labelFeature.CopyTo(label);
            labels += label[0];
        }

        return labels;
    }
}
