using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SchemaGen.Augmentation;

namespace SchemaGen.Benchmarks;

/// <summary>
/// CPU augmentation of one CIFAR batch (128 images, 32x32x3 uint8): the fused random crop (pad 4) + flip + normalize
/// to float32 NCHW, parameters drawn per batch as the dataset stage does, against the plain uint8 to float
/// conversion of the same batch (a scalar <c>v / 255</c> loop, the baseline) and the library's conversion alone.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Images))]
[BenchmarkCategory("Augmentation")]
public class AugmentationBenchmarks
{
    private const int BatchSize = 128;
    private static readonly ImageShape Shape = new(32, 32, 3);
    private readonly byte[] _images = new byte[BatchSize * Shape.Length];
    private readonly float[] _output = new float[BatchSize * Shape.Length];
    private readonly AugmentationParameters[] _parameters = new AugmentationParameters[BatchSize];
    private readonly ImageAugmentation _convert = new ImageAugmentation().WithLayout(TensorLayout.Nchw);
    private readonly ImageAugmentation _cifar = new ImageAugmentation(seed: 1).RandomCrop(4).RandomFlipLeftRight()
        .Normalize([0.4914f, 0.4822f, 0.4465f], [0.2470f, 0.2435f, 0.2616f]).WithLayout(TensorLayout.Nchw);
    private long _batch;

    [GlobalSetup]
    public void Setup() => new Random(1).NextBytes(_images);

    [Benchmark(Baseline = true, Description = "Plain uint8 -> float32 (v / 255 loop, NHWC, 1 thread)")]
    public float Plain()
    {
        var source = _images;
        var target = _output;
        for (int i = 0; i < source.Length; i++)
        {
            target[i] = source[i] / 255f;
        }

        return target[^1];
    }

    [Benchmark(Description = "Conversion alone to NCHW (library, 1 thread)")]
    public float ConvertOnly()
    {
        _convert.DrawParameters(Shape, 0, 0, _parameters);
        _convert.Apply(_images, Shape, _parameters, _output);
        return _output[^1];
    }

    [Benchmark(Description = "Crop+flip+normalize to NCHW (1 thread)")]
    public float Fused() => Augment(1);

    [Benchmark(Description = "Crop+flip+normalize to NCHW (2 threads)")]
    public float FusedParallel() => Augment(2);

    private float Augment(int threads)
    {
        _cifar.DrawParameters(Shape, 0, _batch++ * BatchSize, _parameters);
        _cifar.Apply(_images, Shape, _parameters, _output, threads);
        return _output[^1];
    }

    private sealed class Images : ManualConfig
    {
        public Images() => AddColumn(RateColumn.ImagesPerSecond(BatchSize));
    }
}
