using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using SchemaGen.Conversion;
using SchemaGen.Testing.Fixtures;

namespace SchemaGen.Benchmarks;

/// <summary>
/// Converting a full-size CIFAR-10 python archive (60,000 images, Python 2 pickles, the real member order) against
/// merely inflating it: the conversion target is at most 1.5 times the inflate time.
/// </summary>
/// <remarks>
/// <see cref="Convert"/> writes into an empty directory: the previous iteration's output is deleted between
/// iterations, outside the measurement (an iteration cleanup makes every benchmark here run one invocation per
/// iteration, so they stay one group with one baseline). <see cref="ConvertOverPreviousOutput"/> replaces the
/// previous output instead, which adds the kernel's work of freeing the 180 MB of files it replaces.
/// </remarks>
[MemoryDiagnoser]
public class ConversionBenchmarks
{
    private string _directory = "";
    private string _archive = "";
    private byte[] _inflateBuffer = [];

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "schemagen-conversion-benchmark-v2");
        Directory.CreateDirectory(_directory);
        _archive = Path.Combine(_directory, "cifar-10-python.tar.gz");
        if (!File.Exists(_archive))
        {
            var train = Enumerable.Range(1, 5).Select(i => Batch.Random(10_000, i, 10, levels: 160)).ToArray();
            var test = Batch.Random(10_000, 6, 10, levels: 160);
            string temp = _archive + ".tmp";
            CifarFixtures.WriteTarGz(temp, CifarFixtures.Cifar10Python(train, test), CompressionLevel.Optimal);
            File.Move(temp, _archive, overwrite: true);
        }

        _inflateBuffer = new byte[1 << 16];
    }

    [IterationCleanup]
    public void DeleteOutput() => Delete(Path.Combine(_directory, "out"));

    [GlobalCleanup]
    public void Cleanup()
    {
        Delete(Path.Combine(_directory, "out"));
        Delete(Path.Combine(_directory, "out-replaced"));
    }

    private static void Delete(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Benchmark(Baseline = true)]
    public long Inflate()
    {
        using var file = new FileStream(_archive, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        long total = 0;
        int read;
        while ((read = gzip.Read(_inflateBuffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    [Benchmark]
    public int Convert() =>
        Converter.Convert(DatasetFormat.Cifar10, _archive, Path.Combine(_directory, "out")).Splits.Count;

    [Benchmark]
    public int ConvertOverPreviousOutput() =>
        Converter.Convert(DatasetFormat.Cifar10, _archive, Path.Combine(_directory, "out-replaced")).Splits.Count;
}
