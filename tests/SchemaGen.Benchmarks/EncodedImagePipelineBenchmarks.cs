using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using SchemaGen.Augmentation;
using SchemaGen.Imaging;
using SchemaGen.Testing;

namespace SchemaGen.Benchmarks;

/// <summary>
/// The encoded-image pipeline's targets on ImageNet-like JPEGs (tests/data/images/bench/photo-500x375-q90-420.jpg, 500x375,
/// quality 90, 4:2:0): decode + RandomResizedCrop(224) + flip + normalize to float NCHW on one core (header, window,
/// DecodeInto at the DCT reduction the window allows, the fused CPU path; no dataset), and the same through the dataset
/// pipeline on 2 workers (records in a TFRecord file, DecodeImages, a repeating reader in its steady state); SchemaGen's plain full decode for reference.
/// JPEGs go through SchemaGen's libjpeg-turbo shim (SIMD) as they do on Linux x64; the Skia rows are the fallback
/// other platforms get. The
/// peer, in the same run: PIL's plain full decode of the same file on one core (build/pil-decode-bench.py, Debian's
/// python3-pil on libjpeg-turbo), in the "PIL images/s" column, each row's ratio to it in "vs PIL".
/// Targets: one core ≥ 1.0× PIL's full decode; 2 workers ≥ 1.8× the one-core row. Images/s = 256 / time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Columns))]
[BenchmarkCategory("Imaging")]
public class EncodedImagePipelineBenchmarks
{
    private const int Images = 256;

    // The dataset's file holds an epoch of 64 batches and an operation reads 8 of them, so the epoch boundary (the file
    // opened again, the epoch's last batches drained) weighs about as much as in training, not once per operation.
    private const int RecordsInFile = 8 * Images;
    private const int BatchSize = 32;
    private const string Photo = "photo-500x375-q90-420.jpg";

    private readonly ImageAugmentation _augmentation = new ImageAugmentation(seed: 1).RandomResizedCrop(224).RandomFlipLeftRight()
        .Normalize([0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]).WithLayout(TensorLayout.Nchw);

    private readonly ImageDecoder _decoder = new();
    private readonly ImageDecoder _skiaDecoder = new(new ImageDecoderOptions { Jpeg = JpegBackend.Skia });
    private byte[] _jpeg = [];
    private byte[] _full = [];
    private DecodedImageBatch _decoded = null!;
    private ImageTensor _tensor = null!;
    private string _directory = "";
    private AugmentedBatchReader<PhotoRecord.Batch, ImageTensor> _twoWorkers = null!;
    private long _epoch;

    [GlobalSetup]
    public void Setup()
    {
        _jpeg = File.ReadAllBytes(Repository.Path($"tests/data/images/bench/{Photo}"));
        var header = ImageDecoder.ReadHeader(_jpeg);
        _full = new byte[header.PixelCount * 3];
        _decoded = new DecodedImageBatch(BatchSize, 3);
        _tensor = _augmentation.CreateTensor(3, BatchSize);
        _directory = Path.Combine(Path.GetTempPath(), $"schemagen-bench-encoded-{Environment.ProcessId}");
        Directory.CreateDirectory(_directory);
        string path = Path.Combine(_directory, "photos.tfrecord");
        using (var writer = new TfRecordWriter(path))
        {
            for (int i = 0; i < RecordsInFile; i++)
            {
                writer.Write(new PhotoRecord(_jpeg, i % 10).ToByteArray());
            }
        }

        // A repeating reader, opened once: the steady state (its pooled tensors made), as a training loop sees it.
        _twoWorkers = TfRecordDataset.FromFiles(path).Repeat().Batch<PhotoRecord.Batch>(BatchSize).Prefetch(4).WithMaxDegreeOfParallelism(2)
            .DecodeImages(b => b.Image, _augmentation).Open();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _twoWorkers.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "Decode + RandomResizedCrop(224) + flip + normalize, NCHW, 1 core")]
    public float OneCore() => Crops(_decoder);

    [Benchmark(Description = "The same, JPEGs through SkiaSharp (the fallback of other platforms), 1 core")]
    public float OneCoreSkia() => Crops(_skiaDecoder);

    [Benchmark(Description = "The same through the dataset (records, DecodeImages), 2 workers, steady state")]
    public float TwoWorkers()
    {
        float sum = 0;
        for (int i = 0; i < Images / BatchSize; i++)
        {
            _twoWorkers.MoveNext();
            sum += _twoWorkers.Current.Images.Span[0];
        }

        return sum;
    }

    [Benchmark(Description = "SchemaGen.Imaging full decode to RGB (no crop), 1 core")]
    public int FullDecode() => FullDecodes(_decoder);

    [Benchmark(Description = "SchemaGen.Imaging full decode through SkiaSharp, 1 core")]
    public int FullDecodeSkia() => FullDecodes(_skiaDecoder);

    private float Crops(ImageDecoder decoder)
    {
        long epoch = _epoch++;
        float sum = 0;
        for (int first = 0; first < Images; first += BatchSize)
        {
            _decoded.Clear();
            for (int i = first; i < first + BatchSize; i++)
            {
                var header = ImageDecoder.ReadHeader(_jpeg);
                var window = _augmentation.ChooseWindow(header.Height, header.Width, default, epoch, i);
                decoder.DecodeInto(_jpeg, window, 224, 224, _decoded);
            }

            _augmentation.Apply(_decoded, epoch, first, _tensor);
            sum += _tensor.Span[0];
        }

        return sum;
    }

    private int FullDecodes(ImageDecoder decoder)
    {
        int sum = 0;
        for (int i = 0; i < Images; i++)
        {
            sum += decoder.Decode(_jpeg, _full).Width;
        }

        return sum;
    }

    private sealed class Columns : ManualConfig
    {
        public Columns()
        {
            AddColumn(RateColumn.ImagesPerSecond(Images));
            AddColumn(new PilColumn(ratio: false), new PilColumn(ratio: true));
        }
    }

    /// <summary>PIL's full decode of the same file on one core, measured once per run in the host process, and each row's ratio to it.</summary>
    private sealed class PilColumn(bool ratio) : IColumn
    {
        private static readonly Lazy<double?> PilRate = new(MeasurePil);

        public string Id => $"{nameof(EncodedImagePipelineBenchmarks)} {ColumnName}";

        public string ColumnName => ratio ? "vs PIL" : "PIL images/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => ratio ? 2 : 1;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => ratio
            ? "this row's images/s over PIL's full decode of the same file"
            : "PIL (Debian python3-pil, libjpeg-turbo) full decode of the same file, images/s on one core (build/pil-decode-bench.py)";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (PilRate.Value is not double pil)
            {
                return "n/a";
            }

            if (!ratio)
            {
                return pil.ToString("N0", CultureInfo.InvariantCulture);
            }

            double? nanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return nanoseconds is double mean ? (Images / (mean / 1e9) / pil).ToString("F2", CultureInfo.InvariantCulture) + "x" : "n/a";
        }

        public override string ToString() => ColumnName;

        // build/pil-decode-bench.py prints one JSON object per line; "full" is Image.open + load.
        private static double? MeasurePil()
        {
            string script = Repository.Path("build/pil-decode-bench.py");
            if (!File.Exists(script))
            {
                Console.Error.WriteLine($"PIL peer not measured: {script} is missing");
                return null;
            }

            var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(Repository.Path($"tests/data/images/bench/{Photo}"));
            try
            {
                using var process = Process.Start(start)!;
                double? rate = null;
                while (process.StandardOutput.ReadLine() is { } line)
                {
                    using var json = JsonDocument.Parse(line);
                    if (json.RootElement.GetProperty("mode").GetString() == "full")
                    {
                        rate = json.RootElement.GetProperty("imagesPerSecond").GetDouble();
                    }
                }

                process.WaitForExit();
                return rate;
            }
            catch (System.ComponentModel.Win32Exception exception)
            {
                Console.Error.WriteLine($"PIL peer not measured: {exception.Message}");
                return null;
            }
        }
    }
}
