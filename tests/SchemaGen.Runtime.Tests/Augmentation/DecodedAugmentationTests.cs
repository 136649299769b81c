using SchemaGen.Augmentation;
using SchemaGen.Runtime.Tests.Datasets;

using static SchemaGen.Runtime.Tests.Augmentation.ReferenceAugmentation;
using static SchemaGen.Runtime.Tests.Augmentation.ReferenceResize;

namespace SchemaGen.Runtime.Tests.Augmentation;

/// <summary>
/// The fused CPU path over decoded images of varying sizes equals the steps composed one by one: TensorFlow's resize of
/// each image's window in double, then the flips, then the value ops in order (<see cref="ReferenceAugmentation"/>).
/// </summary>
[Collection(nameof(SteadyStateAllocationTests))]
public sealed class DecodedAugmentationTests
{
    private const double Tolerance = 2e-5;

    public static TheoryData<string, TensorLayout> Pipelines() => new()
    {
        { "flip-normalize", TensorLayout.Nchw },
        { "flip-normalize", TensorLayout.Nhwc },
        { "every-op", TensorLayout.Nchw },
        { "every-op", TensorLayout.Nhwc },
        { "contrast-standardize", TensorLayout.Nhwc },
    };

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Random_resized_crops_then_the_ops_equal_the_steps_composed(string pipeline, TensorLayout layout)
    {
        var (augmentation, ops) = Build(pipeline, new ImageAugmentation(seed: 21).RandomResizedCrop(12));
        augmentation = augmentation.WithLayout(layout);
        var random = new Random(pipeline.Length);
        var batch = new DecodedImageBatch(10, 3);
        var sources = new List<(byte[] Pixels, int Height, int Width, CropWindow Window)>();
        for (int i = 0; i < 10; i++)
        {
            int height = random.Next(1, 40), width = random.Next(1, 40);
            var pixels = ResizeTests.Bytes(height * width * 3, i);

            // As a decoder does: choose the window before decoding, decode only it.
            var window = augmentation.ChooseWindow(height, width, default, 2, 100 + i);
            var region = augmentation.ChooseRegion(height, width, default, 2, 100 + i);
            var part = ResizeTests.Crop(pixels, width, 3, window);
            part.CopyTo(batch.Add(window.Height, window.Width, ImageSizing.MapRegion(region, window, window.Height, window.Width)));
            sources.Add((part, window.Height, window.Width, window));
        }

        var output = augmentation.CreateTensor(3, 16);
        augmentation.Apply(batch, epoch: 2, firstImage: 100, output);
        Assert.Equal(10, output.Count);
        int length = 12 * 12 * 3;
        for (int i = 0; i < 10; i++)
        {
            var (part, height, width, _) = sources[i];
            var p = output.Parameters[i];
            var resized = ReferenceResize.Resize(part, height, width, 3, new Axis(0, height, 12, 0, height - 1), new Axis(0, width, 12, 0, width - 1), "bilinear");
            var image = Scale(ResizeTests.Flip(resized, p.FlipLeftRight == 1, p.FlipUpDown == 1), 1 / 255.0);
            var expected = ApplyOps(image, p, ops, layout);
            ResizeTests.AssertClose(expected, output.Span.Slice(i * length, length).ToArray(), $"{pipeline} image {i}", Tolerance);
        }
    }

    [Fact]
    public void Threads_give_the_same_tensor_as_one()
    {
        var (augmentation, _) = Build("every-op", new ImageAugmentation(seed: 4).RandomResizedCrop(16, antialias: true));
        var batch = RandomBatch(augmentation, 24, 7);
        var one = augmentation.CreateTensor(3, 24);
        var four = augmentation.CreateTensor(3, 24);
        augmentation.Apply(batch, 1, 0, one);
        augmentation.Apply(batch, 1, 0, four, maxDegreeOfParallelism: 4);
        Assert.Equal(one.Span.ToArray(), four.Span.ToArray());
    }

    [Fact]
    public void Fixed_size_images_of_a_dataset_go_through_the_sizing_op()
    {
        // A dataset's uint8 column through IBatchAugmenter: each whole image is the source of its window.
        var augmentation = new ImageAugmentation(seed: 8).RandomResizedCrop(20).RandomFlipLeftRight().WithLayout(TensorLayout.Nchw);
        var shape = new ImageShape(32, 32, 3);
        var images = ResizeTests.Bytes(5 * shape.Length, 3);
        IBatchAugmenter<ImageTensor> augmenter = augmentation;
        var viaDataset = augmenter.CreateOutput(shape, 5);
        augmenter.Augment(images, shape, 5, 3, 50, viaDataset);

        var batch = new DecodedImageBatch(5, 3);
        for (int i = 0; i < 5; i++)
        {
            images.AsSpan(i * shape.Length, shape.Length).CopyTo(batch.Add(32, 32, augmentation.ChooseRegion(32, 32, default, 3, 50 + i)));
        }

        var direct = augmentation.CreateTensor(3, 5);
        augmentation.Apply(batch, 3, 50, direct);
        Assert.Equal(direct.Span.ToArray(), viaDataset.Span.ToArray());
    }

    [Theory]
    [InlineData("flip-normalize")]
    [InlineData("every-op")]
    public void Batches_after_the_warm_up_allocate_nothing(string pipeline)
    {
        var (augmentation, _) = Build(pipeline, new ImageAugmentation(seed: 1).RandomResizedCrop(32));
        var batches = Enumerable.Range(0, 4).Select(i => RandomBatch(augmentation.WithLayout(TensorLayout.Nchw), 8, i)).ToArray();
        augmentation = augmentation.WithLayout(TensorLayout.Nchw);
        var output = augmentation.CreateTensor(3, 8);
        long epoch = 0;
        void Step()
        {
            foreach (var batch in batches)
            {
                augmentation.Apply(batch, epoch, 0, output);
            }
        }

        Step();
        Assert.Equal(0, AllocationWindows.Least(8, Step));
    }

    private static DecodedImageBatch RandomBatch(ImageAugmentation augmentation, int count, int seed)
    {
        var random = new Random(seed);
        var batch = new DecodedImageBatch(count, 3);
        for (int i = 0; i < count; i++)
        {
            int height = random.Next(8, 80), width = random.Next(8, 80);
            var region = augmentation.ChooseRegion(height, width, default, 1, i);
            ResizeTests.Bytes(height * width * 3, (seed * 100) + i).CopyTo(batch.Add(height, width, region));
        }

        return batch;
    }

    private static (ImageAugmentation Augmentation, List<Op> Ops) Build(string pipeline, ImageAugmentation sized)
    {
        double[] mean = [0.485, 0.456, 0.406], std = [0.229, 0.224, 0.225];
        var normalize = new Op("normalize", Mean: mean, Std: std);
        return pipeline switch
        {
            "flip-normalize" => (sized.RandomFlipLeftRight().Normalize([0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]), [normalize]),
            "every-op" => (
                sized.RandomFlipLeftRight().RandomFlipUpDown().RandomBrightness(0.2f).RandomSaturation(0.5f, 1.5f).RandomContrast(0.7f, 1.3f)
                    .RandomHue(0.1f).Normalize([0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]),
                [new("brightness"), new("saturation"), new("contrast"), new("hue"), normalize]),
            "contrast-standardize" => (sized.RandomContrast(0.5f, 1.5f).PerImageStandardization(), [new("contrast"), new("standardize")]),
            _ => throw new ArgumentException(pipeline),
        };
    }

    private static double[,,] Scale(double[,,] image, double scale)
    {
        var scaled = (double[,,])image.Clone();
        for (int y = 0; y < image.GetLength(0); y++)
        {
            for (int x = 0; x < image.GetLength(1); x++)
            {
                for (int c = 0; c < image.GetLength(2); c++)
                {
                    scaled[y, x, c] *= scale;
                }
            }
        }

        return scaled;
    }
}
