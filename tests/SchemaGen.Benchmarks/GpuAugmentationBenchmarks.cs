using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ILGPU;
using SchemaGen.Gpu;

namespace SchemaGen.Benchmarks;

/// <summary>
/// The same CIFAR batch augmented by <see cref="GpuAugmentation"/> (crop + flip + normalize to NCHW), including the
/// host-to-device copy of the uint8 batch and the wait for the result; the Accelerator column says what ran
/// (a CUDA GPU when the machine has one, else ILGPU's CPU accelerator, which says nothing about GPU speed).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Images))]
[BenchmarkCategory("Augmentation")]
public class GpuAugmentationBenchmarks
{
    private const int BatchSize = 128;
    private static readonly ImageShape Shape = new(32, 32, 3);
    private readonly byte[] _images = new byte[BatchSize * Shape.Length];
    private GpuAugmentation _gpu = null!;
    private DeviceImageBatch _batch = null!;
    private long _index;

    [GlobalSetup]
    public void Setup()
    {
        new Random(1).NextBytes(_images);
        var augmentation = new ImageAugmentation(seed: 1).RandomCrop(4).RandomFlipLeftRight()
            .Normalize([0.4914f, 0.4822f, 0.4465f], [0.2470f, 0.2435f, 0.2616f]).WithLayout(TensorLayout.Nchw);
        _gpu = GpuAugmentation.Create(augmentation);
        _batch = _gpu.CreateOutput(Shape, BatchSize);
        Console.WriteLine($"// Accelerator: {_gpu.AcceleratorName}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _batch.Dispose();
        _gpu.Dispose();
    }

    [Benchmark(Description = "Crop+flip+normalize to NCHW on the device (with the upload)")]
    public int Device()
    {
        _gpu.Augment(_images, Shape, BatchSize, 0, _index++ * BatchSize, _batch);
        return _batch.Count;
    }

    private sealed class Images : ManualConfig
    {
        public Images()
        {
            AddColumn(RateColumn.ImagesPerSecond(BatchSize));
            AddColumn(new AcceleratorColumn());
        }
    }

    // The device GpuAugmentation.Create picks, named without creating it.
    private sealed class AcceleratorColumn : IColumn
    {
        private static readonly Lazy<string> Name = new(() =>
        {
            using var context = Context.Create(builder => builder.Default());
            var device = context.GetPreferredDevice(preferCPU: false);
            return $"{device.AcceleratorType} ({device.Name})";
        });

        public string Id => nameof(AcceleratorColumn);

        public string ColumnName => "Accelerator";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 1;

        public bool IsNumeric => false;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "The ILGPU device the kernels ran on";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => Name.Value;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => Name.Value;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
