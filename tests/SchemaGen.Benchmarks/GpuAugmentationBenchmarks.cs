using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using SchemaGen.Augmentation;
using SchemaGen.Gpu;

namespace SchemaGen.Benchmarks;

/// <summary>
/// CIFAR batches augmented by <see cref="GpuAugmentation"/> (crop + flip + normalize to NCHW) as a dataset's workers
/// run it: each worker copies its batch's uint8 images to the device and queues the kernel, with two batches in
/// flight per worker (the outputs a reader lends), and the invocation ends when every batch is done on the device.
/// One operation is one batch; the Accelerator column says what ran (a CUDA GPU when the machine has one, else
/// ILGPU's CPU accelerator, which says nothing about GPU speed).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Images))]
[BenchmarkCategory("Augmentation")]
public class GpuAugmentationBenchmarks
{
    private const int Batches = 32;
    private const int InFlight = 2;
    private static readonly ImageShape Shape = new(32, 32, 3);
    private byte[] _images = null!;
    private GpuAugmentation _gpu = null!;
    private DeviceImageBatch[][] _outputs = null!;
    private Thread[] _helpers = null!;
    private Barrier _barrier = null!;
    private long _nextBatch;
    private volatile bool _stopping;

    [Params(128, 1024, 4096)]
    public int BatchSize { get; set; }

    [Params(1, 2)]
    public int Workers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _images = new byte[BatchSize * Shape.Length];
        new Random(1).NextBytes(_images);
        _gpu = GpuAugmentation.Create(CifarPipeline());
        _outputs = [.. Enumerable.Range(0, Workers).Select(_ => Enumerable.Range(0, InFlight).Select(_ => _gpu.CreateOutput(Shape, BatchSize)).ToArray())];
        _barrier = new Barrier(Workers);
        _helpers = [.. Enumerable.Range(1, Workers - 1).Select(worker => new Thread(() => Help(worker)) { IsBackground = true })];
        foreach (var helper in _helpers)
        {
            helper.Start();
        }

        Console.WriteLine($"// Accelerator: {_gpu.AcceleratorName}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stopping = true;
        _barrier.SignalAndWait();
        foreach (var helper in _helpers)
        {
            helper.Join();
        }

        foreach (var output in _outputs.SelectMany(outputs => outputs))
        {
            output.Dispose();
        }

        _gpu.Dispose();
        _barrier.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Batches, Description = "Crop+flip+normalize to NCHW on the device (upload included)")]
    public long Device()
    {
        _barrier.SignalAndWait();
        Run(0);
        _barrier.SignalAndWait();
        return _nextBatch;
    }

    private static ImageAugmentation CifarPipeline() =>
        new ImageAugmentation(seed: 1).RandomCrop(4).RandomFlipLeftRight()
            .Normalize([0.4914f, 0.4822f, 0.4465f], [0.2470f, 0.2435f, 0.2616f]).WithLayout(TensorLayout.Nchw);

    private void Help(int worker)
    {
        while (true)
        {
            _barrier.SignalAndWait();
            if (_stopping)
            {
                return;
            }

            Run(worker);
            _barrier.SignalAndWait();
        }
    }

    // Each worker's share of the invocation's batches; Augment waits for an output's previous batch before reusing it.
    private void Run(int worker)
    {
        var outputs = _outputs[worker];
        for (int i = 0; i < Batches / Workers; i++)
        {
            long batch = Interlocked.Increment(ref _nextBatch);
            _gpu.Augment(_images, Shape, BatchSize, 0, batch * BatchSize, outputs[i % InFlight]);
        }

        foreach (var output in outputs)
        {
            _gpu.Complete(output);
        }
    }

    private sealed class Images : ManualConfig
    {
        public Images()
        {
            AddColumn(RateColumn.ImagesPerSecond(nameof(BatchSize)));
            AddColumn(new AcceleratorColumn());
        }
    }

    // The device GpuAugmentation.Create picks, in the process that writes the summary.
    private sealed class AcceleratorColumn : IColumn
    {
        private static readonly Lazy<string> Name = new(() =>
        {
            using var gpu = GpuAugmentation.Create(new ImageAugmentation());
            return gpu.AcceleratorName;
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
