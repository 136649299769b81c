using SchemaGen.Augmentation;

namespace SchemaGen.Gpu.Tests;

/// <summary>
/// Decoded images of varying sizes, resized and augmented by the kernels (on ILGPU's CPU accelerator), give the CPU
/// path's tensor within 1e-5: every resize method, fractional regions, flips, every value op, both layouts.
/// </summary>
public sealed class DecodedParityTests(AcceleratorFixture fixture) : IClassFixture<AcceleratorFixture>
{
    private const float Tolerance = 1e-5f;

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_sizing_pipelines_match_the_cpu_path(int seed)
    {
        var random = new Random(seed);
        var method = (ResizeMethod)random.Next(3);
        bool antialias = random.Next(2) == 0;
        int channels = random.Next(3) == 0 ? 1 : 3;
        var augmentation = (random.Next(3) switch
        {
            0 => new ImageAugmentation(seed).RandomResizedCrop(random.Next(1, 20), method: method, antialias: antialias),
            1 => new ImageAugmentation(seed).Resize(random.Next(1, 20), random.Next(1, 20), method, antialias),
            _ => new ImageAugmentation(seed).ResizeShorterSide(16, method, antialias).CenterCrop(random.Next(1, 17)),
        }).RandomFlipLeftRight().RandomFlipUpDown();
        augmentation = random.Next(2) == 0 ? augmentation.RandomBrightness(0.2f) : augmentation;
        augmentation = random.Next(2) == 0 ? augmentation.RandomContrast(0.6f, 1.4f) : augmentation;
        if (channels == 3 && random.Next(2) == 0)
        {
            augmentation = augmentation.RandomSaturation(0.5f, 1.5f).RandomHue(0.2f);
        }

        augmentation = random.Next(2) == 0 ? augmentation.PerImageStandardization() : augmentation;
        var mean = Enumerable.Range(0, channels).Select(c => 0.4f + (0.05f * c)).ToArray();
        var std = Enumerable.Range(0, channels).Select(c => 0.2f + (0.02f * c)).ToArray();
        augmentation = augmentation.Normalize(mean, std).WithLayout(random.Next(2) == 0 ? TensorLayout.Nhwc : TensorLayout.Nchw);
        Compare(augmentation, channels, random, count: random.Next(1, 9), fractional: random.Next(2) == 0);
    }

    [Theory]
    [InlineData(TensorLayout.Nchw)]
    [InlineData(TensorLayout.Nhwc)]
    public void The_imagenet_training_pipeline_matches_the_cpu_path(TensorLayout layout)
    {
        var augmentation = new ImageAugmentation(seed: 42).RandomResizedCrop(24).RandomFlipLeftRight()
            .Normalize([0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]).WithLayout(layout);
        Compare(augmentation, 3, new Random(9), count: 12, fractional: true);
    }

    [Fact]
    public void Batches_of_growing_size_reuse_and_grow_the_upload()
    {
        var augmentation = new ImageAugmentation(seed: 3).Resize(6, 5, ResizeMethod.Area).RandomFlipLeftRight();
        using var gpu = new GpuAugmentation(fixture.Accelerator, augmentation);
        using var output = gpu.CreateOutput(3, 4);
        var random = new Random(5);
        foreach (int size in new[] { 8, 40, 12, 60 })
        {
            var batch = Batch(augmentation, 3, random, 4, size, fractional: false);
            gpu.Augment(batch, 0, 0, output);
            var expected = augmentation.CreateTensor(3, 4);
            augmentation.Apply(batch, 0, 0, expected);
            var actual = new float[expected.Span.Length];
            output.CopyTo(actual);
            AssertClose(expected.Span.ToArray(), actual);
        }
    }

    private void Compare(ImageAugmentation augmentation, int channels, Random random, int count, bool fractional)
    {
        var batch = Batch(augmentation, channels, random, count, 48, fractional);
        var expected = augmentation.CreateTensor(channels, count);
        augmentation.Apply(batch, 1, 7, expected);

        using var gpu = new GpuAugmentation(fixture.Accelerator, augmentation);
        using var output = gpu.CreateOutput(channels, count + 2);
        gpu.Augment(batch, 1, 7, output);
        gpu.Complete(output);
        Assert.Equal(count, output.Count);
        var actual = new float[expected.Span.Length];
        output.CopyTo(actual);
        AssertClose(expected.Span.ToArray(), actual);
    }

    // Images of random sizes, each decoded whole or (fractional) as a reduced decode of its window would report it.
    private static DecodedImageBatch Batch(ImageAugmentation augmentation, int channels, Random random, int count, int maxSize, bool fractional)
    {
        var batch = new DecodedImageBatch(count, channels);
        for (int i = 0; i < count; i++)
        {
            int height = random.Next(1, maxSize), width = random.Next(1, maxSize);
            var region = augmentation.ChooseRegion(height, width, default, 1, 7 + i);
            var window = augmentation.ChooseWindow(height, width, default, 1, 7 + i);
            int decodedHeight = window.Height, decodedWidth = window.Width;
            if (fractional && window.Height >= 4 && window.Width >= 4)
            {
                (decodedHeight, decodedWidth) = ((window.Height + 1) / 2, (window.Width + 1) / 2);
            }

            var pixels = batch.Add(decodedHeight, decodedWidth, ImageSizing.MapRegion(region, window, decodedHeight, decodedWidth));
            random.NextBytes(pixels);
        }

        return batch;
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (!(Math.Abs(expected[i] - actual[i]) <= Tolerance * Math.Max(1, Math.Abs(expected[i]))))
            {
                Assert.Fail($"value {i}: CPU {expected[i]}, device {actual[i]}");
            }
        }
    }
}
