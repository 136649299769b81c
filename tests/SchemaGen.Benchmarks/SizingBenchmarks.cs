using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SchemaGen.Augmentation;

namespace SchemaGen.Benchmarks;

/// <summary>
/// The sizing ops' cost alone (no decoding): a batch of 32 pre-decoded 500x375 RGB images (ImageNet's typical size)
/// through RandomResizedCrop(224) + flip + normalize to float32 NCHW, windows chosen per image as the decode stage
/// chooses them; beside it the evaluation transform (shorter side 256, central 224) and an antialiased crop. The
/// baseline is the plain <c>v / 255</c> loop over the same 32 decoded images (what converting them to floats at full
/// size costs, with no resize at all).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Images))]
[BenchmarkCategory("Augmentation")]
public class SizingBenchmarks
{
    private const int BatchSize = 32;
    private const int Height = 375;
    private const int Width = 500;
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];
    private readonly byte[] _images = new byte[BatchSize * Height * Width * 3];
    private readonly float[] _plain = new float[BatchSize * Height * Width * 3];
    private readonly ImageAugmentation _training = new ImageAugmentation(seed: 1).RandomResizedCrop(224).RandomFlipLeftRight()
        .Normalize(Mean, Std).WithLayout(TensorLayout.Nchw);
    private readonly ImageAugmentation _antialiased = new ImageAugmentation(seed: 1).RandomResizedCrop(224, antialias: true).RandomFlipLeftRight()
        .Normalize(Mean, Std).WithLayout(TensorLayout.Nchw);
    private readonly ImageAugmentation _evaluation = new ImageAugmentation(seed: 1).ResizeShorterSide(256).CenterCrop(224)
        .Normalize(Mean, Std).WithLayout(TensorLayout.Nchw);
    private readonly DecodedImageBatch _batch = new(BatchSize, 3);
    private ImageTensor _trainingOutput = null!;
    private ImageTensor _antialiasedOutput = null!;
    private ImageTensor _evaluationOutput = null!;
    private long _epoch;

    [GlobalSetup]
    public void Setup()
    {
        // Smooth content (a gradient with noise) like a photo's, though resize cost does not depend on it.
        var random = new Random(1);
        for (int i = 0; i < _images.Length; i++)
        {
            _images[i] = (byte)(((i / 3 % Width) / 2) + random.Next(0, 8));
        }

        for (int i = 0; i < BatchSize; i++)
        {
            var pixels = _batch.Add(Height, Width, new SourceRegion(0, 0, Width, Height));
            _images.AsSpan(i * pixels.Length, pixels.Length).CopyTo(pixels);
        }

        _trainingOutput = _training.CreateTensor(3, BatchSize);
        _antialiasedOutput = _antialiased.CreateTensor(3, BatchSize);
        _evaluationOutput = _evaluation.CreateTensor(3, BatchSize);
    }

    [Benchmark(Baseline = true, Description = "Plain uint8 -> float32 of the full 500x375 images (v / 255 loop)")]
    public float Plain()
    {
        var source = _images;
        var target = _plain;
        for (int i = 0; i < source.Length; i++)
        {
            target[i] = source[i] / 255f;
        }

        return target[^1];
    }

    [Benchmark(Description = "RandomResizedCrop(224)+flip+normalize to NCHW (1 thread)")]
    public float RandomResizedCrop() => Run(_training, _trainingOutput);

    [Benchmark(Description = "RandomResizedCrop(224, antialias)+flip+normalize to NCHW (1 thread)")]
    public float RandomResizedCropAntialiased() => Run(_antialiased, _antialiasedOutput);

    [Benchmark(Description = "ResizeShorterSide(256)+CenterCrop(224)+normalize to NCHW (1 thread)")]
    public float CenterCrop() => Run(_evaluation, _evaluationOutput);

    private float Run(ImageAugmentation augmentation, ImageTensor output)
    {
        // The whole image is "decoded"; each image's region is the window the decode stage would have asked for. Re-adding
        // images of the same sizes after Clear hands back the same bytes, which still hold the pixels of the setup.
        long epoch = _epoch++;
        _batch.Clear();
        for (int i = 0; i < BatchSize; i++)
        {
            _batch.Add(Height, Width, augmentation.ChooseRegion(Height, Width, default, epoch, i));
        }

        augmentation.Apply(_batch, epoch, 0, output);
        return output.Span[^1];
    }

    private sealed class Images : ManualConfig
    {
        public Images() => AddColumn(RateColumn.ImagesPerSecond(BatchSize));
    }
}
