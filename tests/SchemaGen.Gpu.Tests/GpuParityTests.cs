using SchemaGen.Augmentation;

namespace SchemaGen.Gpu.Tests;

/// <summary>The kernels (on ILGPU's CPU accelerator) give the CPU path's results within 1e-5, for random pipelines, seeds and shapes.</summary>
public sealed class GpuParityTests(AcceleratorFixture fixture) : IClassFixture<AcceleratorFixture>
{
    private const float Tolerance = 1e-5f;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Random_pipelines_and_shapes_match_the_cpu_path(int seed)
    {
        var random = new Random(seed);
        for (int round = 0; round < 4; round++)
        {
            int channels = new[] { 1, 3, 3, 4 }[random.Next(4)];
            var shape = new ImageShape(random.Next(1, 24), random.Next(1, 24), channels);
            var augmentation = RandomPipeline(random, channels);
            int count = random.Next(1, 9);
            Compare(augmentation, shape, count, epoch: random.Next(4), firstImage: random.Next(10_000), random);
        }
    }

    [Theory]
    [InlineData(TensorLayout.Nhwc)]
    [InlineData(TensorLayout.Nchw)]
    public void The_cifar_pipeline_matches_the_cpu_path(TensorLayout layout)
    {
        var augmentation = new ImageAugmentation(seed: 42).RandomCrop(4).RandomFlipLeftRight()
            .Normalize([0.4914f, 0.4822f, 0.4465f], [0.2470f, 0.2435f, 0.2616f]).WithLayout(layout);
        Compare(augmentation, new ImageShape(32, 32, 3), 64, epoch: 3, firstImage: 128, new Random(1));
    }

    [Fact]
    public void Every_op_at_once_matches_the_cpu_path()
    {
        var augmentation = new ImageAugmentation(seed: 5).RandomCrop(27, 30, padding: 3).RandomFlipLeftRight().RandomFlipUpDown()
            .RandomBrightness(0.2f).RandomSaturation(0.5f, 1.5f).RandomContrast(0.7f, 1.3f).RandomHue(0.2f)
            .PerImageStandardization().Normalize([0.1f, 0.2f, 0.3f], [1.1f, 0.9f, 1.2f]).WithLayout(TensorLayout.Nchw);
        Compare(augmentation, new ImageShape(29, 31, 3), 17, epoch: 1, firstImage: 17, new Random(2));
    }

    [Fact]
    public void A_short_batch_reuses_the_buffers_and_reports_its_count()
    {
        var augmentation = new ImageAugmentation(seed: 8).RandomCrop(2).RandomFlipUpDown().RandomContrast(0.5f, 1.5f);
        var shape = new ImageShape(9, 9, 3);
        using var gpu = new GpuAugmentation(fixture.Accelerator, augmentation);
        using var output = gpu.CreateOutput(shape, 16);
        var random = new Random(3);
        var images = new byte[16 * shape.Length];
        random.NextBytes(images);
        gpu.Augment(images, shape, 16, 0, 0, output);
        gpu.Augment(images, shape, 5, 0, 16, output);
        Assert.Equal(5, output.Count);
        Assert.Equal(5 * shape.Length, output.Images.Length);
        Assert.Equal((5, 9, 9, 3), output.Dimensions);

        var parameters = new AugmentationParameters[5];
        augmentation.DrawParameters(shape, 0, 16, parameters);
        var expected = new float[5 * shape.Length];
        augmentation.Apply(images, shape, parameters, expected);
        var actual = new float[expected.Length];
        output.CopyTo(actual);
        AssertClose(expected, actual);
    }

    [Fact]
    public void A_dataset_augmented_on_the_device_gives_the_cpu_datasets_images()
    {
        using var directory = new TempDirectory();
        string path = directory.File("cifar.tfrecord");
        var shape = new ImageShape(32, 32, 3);
        var random = new Random(4);
        using (var writer = new TfRecordWriter(path))
        {
            var image = new byte[shape.Length];
            for (int i = 0; i < 100; i++)
            {
                random.NextBytes(image);
                writer.Write(new Cifar(image, i).ToByteArray());
            }
        }

        var augmentation = new ImageAugmentation(seed: 6).RandomCrop(4).RandomFlipLeftRight().RandomBrightness(0.1f).WithLayout(TensorLayout.Nchw);
        var batches = TfRecordDataset.FromFiles(path).Repeat(2).Shuffle(40, seed: 3).Batch<Cifar.Batch>(16).Prefetch(2).WithMaxDegreeOfParallelism(2);
        var onCpu = new List<float[]>();
        foreach (var (_, images) in batches.Augment(b => b.Image, shape, augmentation))
        {
            onCpu.Add(images.Span.ToArray());
        }

        using var gpu = new GpuAugmentation(fixture.Accelerator, augmentation);
        var onDevice = new List<float[]>();
        foreach (var (batch, images) in batches.Augment(b => b.Image, shape, gpu))
        {
            Assert.Equal(batch.Count, images.Count);
            var host = new float[images.Images.Length];
            images.CopyTo(host);
            onDevice.Add(host);
        }

        Assert.Equal(onCpu.Count, onDevice.Count);
        for (int i = 0; i < onCpu.Count; i++)
        {
            AssertClose(onCpu[i], onDevice[i]);
        }
    }

    [Fact]
    public void A_users_own_kernel_runs_through_the_hook()
    {
        var shape = new ImageShape(4, 5, 1);
        using var negate = new NegatingAugmenter(fixture.Accelerator, new ImageAugmentation());
        using var output = negate.CreateOutput(shape, 3);
        byte[] images = [.. Enumerable.Range(0, 3 * shape.Length).Select(i => (byte)i)];
        negate.Augment(images, shape, 3, 0, 0, output);
        var actual = new float[images.Length];
        output.CopyTo(actual);
        Assert.Equal(images.Select(v => -(float)v), actual);
    }

    private static ImageAugmentation RandomPipeline(Random random, int channels)
    {
        var augmentation = new ImageAugmentation(random.Next()).RandomCrop(random.Next(0, 5));
        augmentation = random.Next(2) == 0 ? augmentation.RandomFlipLeftRight() : augmentation;
        augmentation = random.Next(2) == 0 ? augmentation.RandomFlipUpDown() : augmentation;
        foreach (int op in Enumerable.Range(0, 6).OrderBy(_ => random.Next()))
        {
            if (random.Next(3) == 0 || (op is 2 or 3 && channels != 3))
            {
                continue;
            }

            var mean = Enumerable.Range(0, channels).Select(c => 0.3f + (0.1f * c)).ToArray();
            var std = Enumerable.Range(0, channels).Select(c => 0.2f + (0.05f * c)).ToArray();
            augmentation = op switch
            {
                0 => augmentation.RandomBrightness(0.3f),
                1 => augmentation.RandomContrast(0.5f, 1.5f),
                2 => augmentation.RandomSaturation(0.3f, 1.7f),
                3 => augmentation.RandomHue(0.4f),
                4 => augmentation.PerImageStandardization(),
                _ => augmentation.Normalize(mean, std),
            };
        }

        return augmentation.WithLayout(random.Next(2) == 0 ? TensorLayout.Nhwc : TensorLayout.Nchw);
    }

    private void Compare(ImageAugmentation augmentation, ImageShape shape, int count, long epoch, long firstImage, Random random)
    {
        var images = new byte[count * shape.Length];
        random.NextBytes(images);
        var parameters = new AugmentationParameters[count];
        augmentation.DrawParameters(shape, epoch, firstImage, parameters);
        var output = augmentation.OutputShape(shape);
        var expected = new float[count * output.Length];
        augmentation.Apply(images, shape, parameters, expected, maxDegreeOfParallelism: 2);

        using var gpu = new GpuAugmentation(fixture.Accelerator, augmentation);
        using var batch = gpu.CreateOutput(shape, count + 2);
        gpu.Augment(images, shape, count, epoch, firstImage, batch);
        var actual = new float[expected.Length];
        batch.CopyTo(actual);
        AssertClose(expected, actual);
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
