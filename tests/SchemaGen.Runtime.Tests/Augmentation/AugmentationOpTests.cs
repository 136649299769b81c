using SchemaGen.Augmentation;

using static SchemaGen.Runtime.Tests.Augmentation.ReferenceAugmentation;

namespace SchemaGen.Runtime.Tests.Augmentation;

/// <summary>Each op of the fused CPU path against tf.image's formulas, computed op by op in double by the test.</summary>
public sealed class AugmentationOpTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<int, int, int, TensorLayout> Shapes() => new()
    {
        { 32, 32, 3, TensorLayout.Nhwc },
        { 32, 32, 3, TensorLayout.Nchw },
        { 7, 13, 1, TensorLayout.Nhwc },
        { 7, 13, 1, TensorLayout.Nchw },
        { 5, 9, 4, TensorLayout.Nchw },
        { 11, 6, 2, TensorLayout.Nhwc },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Conversion_alone_divides_by_255_in_the_layout(int height, int width, int channels, TensorLayout layout)
    {
        var shape = new ImageShape(height, width, channels);
        Check(new ImageAugmentation().WithLayout(layout), shape, 0, height, width, [], Neutral(3));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Flips_mirror_the_indices(int height, int width, int channels, TensorLayout layout)
    {
        var shape = new ImageShape(height, width, channels);
        var parameters = new[] { With(0, 0, 1, 0), With(0, 0, 0, 1), With(0, 0, 1, 1), With(0, 0, 0, 0) };
        Check(new ImageAugmentation().RandomFlipLeftRight().RandomFlipUpDown().WithLayout(layout), shape, 0, height, width, [], parameters);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Crop_of_the_padded_image_reads_zeros_in_the_padding(int height, int width, int channels, TensorLayout layout)
    {
        var shape = new ImageShape(height, width, channels);
        var augmentation = new ImageAugmentation().RandomCrop(4).RandomFlipLeftRight().WithLayout(layout);

        // Every corner of the offset range, the centre, and with flips.
        var parameters = new[] { With(0, 0), With(8, 8), With(0, 8), With(8, 0, 1), With(4, 4), With(3, 7, 1, 1) };
        var actual = Check(augmentation, shape, 4, height, width, [], parameters);

        // At offset (0, 0) the top-left 4x4 block is padding: exactly 0.
        int plane = height * width;
        for (int y = 0; y < Math.Min(4, height); y++)
        {
            for (int x = 0; x < Math.Min(4, width); x++)
            {
                int at = layout == TensorLayout.Nhwc ? ((y * width) + x) * channels : (y * width) + x;
                Assert.Equal(0f, actual[at]);
            }
        }

        Assert.True(plane > 0);
    }

    [Fact]
    public void A_crop_smaller_than_the_image_has_the_crop_size()
    {
        var shape = new ImageShape(12, 10, 3);
        var augmentation = new ImageAugmentation().RandomCrop(5, 7, padding: 1).WithLayout(TensorLayout.Nchw);
        Assert.Equal(new ImageShape(5, 7, 3), augmentation.OutputShape(shape));
        Check(augmentation, shape, 1, 5, 7, [], [With(0, 0), With(9, 5), With(3, 2, 1, 1)]);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Brightness_adds_the_delta(int height, int width, int channels, TensorLayout layout)
    {
        var shape = new ImageShape(height, width, channels);
        var parameters = Neutral(3);
        (parameters[0].BrightnessDelta, parameters[1].BrightnessDelta, parameters[2].BrightnessDelta) = (0.2f, -0.15f, 0);
        Check(new ImageAugmentation().RandomBrightness(0.2f).WithLayout(layout), shape, 0, height, width, [new("brightness")], parameters);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Contrast_scales_around_each_channels_mean(int height, int width, int channels, TensorLayout layout)
    {
        var shape = new ImageShape(height, width, channels);
        var parameters = Neutral(3);
        (parameters[0].ContrastFactor, parameters[1].ContrastFactor, parameters[2].ContrastFactor) = (0.8f, 1.2f, 0.3f);
        Check(new ImageAugmentation().RandomContrast(0.2f, 1.8f).WithLayout(layout), shape, 0, height, width, [new("contrast")], parameters);
    }

    [Fact]
    public void Contrast_after_a_padded_crop_counts_the_padding_in_the_mean()
    {
        var shape = new ImageShape(8, 8, 3);
        var parameters = new[] { With(0, 0), With(8, 3, 1) };
        (parameters[0].ContrastFactor, parameters[1].ContrastFactor) = (1.5f, 0.5f);
        Check(new ImageAugmentation().RandomCrop(4).RandomFlipLeftRight().RandomContrast(0.5f, 1.5f), shape, 4, 8, 8, [new("contrast")], parameters);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Standardization_divides_by_the_std_or_its_floor(int height, int width, int channels, TensorLayout layout)
    {
        var shape = new ImageShape(height, width, channels);
        Check(new ImageAugmentation().PerImageStandardization().WithLayout(layout), shape, 0, height, width, [new("standardize")], Neutral(3));
    }

    [Fact]
    public void Standardization_of_a_flat_image_uses_one_over_the_root_of_the_value_count()
    {
        var shape = new ImageShape(4, 5, 3);
        var images = Enumerable.Repeat((byte)200, 2 * shape.Length).ToArray();
        images[0] = 201; // a std of about 0.0005, below 1 / sqrt(60) = 0.129
        var actual = new float[images.Length];
        new ImageAugmentation().PerImageStandardization().Apply(images, shape, Neutral(2), actual);
        double mean = (200 + (1.0 / 60)) / 255;
        Assert.Equal((201 / 255.0 - mean) * Math.Sqrt(60), actual[0], 5);
        Assert.All(actual.AsSpan(shape.Length).ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Saturation_goes_through_hsv()
    {
        var shape = new ImageShape(9, 7, 3);
        var parameters = Neutral(3);
        (parameters[0].SaturationFactor, parameters[1].SaturationFactor, parameters[2].SaturationFactor) = (0.3f, 1.7f, 5f);
        Check(new ImageAugmentation().RandomSaturation(0.3f, 5.5f), shape, 0, 9, 7, [new("saturation")], parameters);
    }

    [Fact]
    public void Hue_rotates_in_hsv_and_wraps()
    {
        var shape = new ImageShape(9, 7, 3);
        var parameters = Neutral(4);
        (parameters[0].HueDelta, parameters[1].HueDelta, parameters[2].HueDelta, parameters[3].HueDelta) = (0.1f, -0.45f, 0.5f, -0.02f);
        Check(new ImageAugmentation().RandomHue(0.5f).WithLayout(TensorLayout.Nchw), shape, 0, 9, 7, [new("hue")], parameters);
    }

    [Theory]
    [InlineData(TensorLayout.Nhwc)]
    [InlineData(TensorLayout.Nchw)]
    public void Normalize_subtracts_the_mean_and_divides_by_the_std_per_channel(TensorLayout layout)
    {
        var shape = new ImageShape(6, 10, 3);
        double[] mean = [0.4914, 0.4822, 0.4465], std = [0.2470, 0.2435, 0.2616];
        var augmentation = new ImageAugmentation().Normalize(mean.Select(v => (float)v).ToArray(), std.Select(v => (float)v).ToArray()).WithLayout(layout);
        Check(augmentation, shape, 0, 6, 10, [new("normalize", Mean: [.. mean.Select(v => (double)(float)v)], Std: [.. std.Select(v => (double)(float)v)])], Neutral(2));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Random_pipelines_match_the_op_by_op_reference(int seed)
    {
        var random = new Random(seed);
        for (int round = 0; round < 6; round++)
        {
            var shape = new ImageShape(random.Next(1, 20), random.Next(1, 20), 3);
            var (augmentation, ops, padding) = RandomPipeline(random);
            augmentation = augmentation.WithLayout(random.Next(2) == 0 ? TensorLayout.Nhwc : TensorLayout.Nchw);
            var parameters = new AugmentationParameters[3];
            augmentation.DrawParameters(shape, epoch: random.Next(3), firstImage: random.Next(1000), parameters);
            Check(augmentation, shape, padding, shape.Height, shape.Width, ops, parameters);
        }
    }

    [Fact]
    public void Parameters_are_in_range_and_depend_on_seed_epoch_and_index_only()
    {
        var shape = new ImageShape(32, 32, 3);
        var augmentation = new ImageAugmentation(seed: 9).RandomCrop(4).RandomFlipLeftRight().RandomBrightness(0.2f).RandomContrast(0.8f, 1.2f).RandomHue(0.1f);
        var all = new AugmentationParameters[1000];
        augmentation.DrawParameters(shape, epoch: 2, firstImage: 0, all);

        Assert.All(all, p =>
        {
            Assert.InRange(p.CropTop, 0, 8);
            Assert.InRange(p.CropLeft, 0, 8);
            Assert.InRange(p.BrightnessDelta, -0.2f, 0.2f);
            Assert.InRange(p.ContrastFactor, 0.8f, 1.2f);
            Assert.InRange(p.HueDelta, -0.1f, 0.1f);
            Assert.Equal(0, p.FlipUpDown);
            Assert.Equal(1f, p.SaturationFactor);
        });
        Assert.InRange(all.Count(p => p.FlipLeftRight == 1), 430, 570);
        Assert.Equal(9, all.Select(p => p.CropTop).Distinct().Count());

        // Drawn in two pieces (as two batches would be), the same values.
        var pieces = new AugmentationParameters[1000];
        augmentation.DrawParameters(shape, 2, 0, pieces.AsSpan(0, 300));
        augmentation.DrawParameters(shape, 2, 300, pieces.AsSpan(300));
        Assert.Equal(all, pieces);

        var otherEpoch = new AugmentationParameters[1000];
        augmentation.DrawParameters(shape, 3, 0, otherEpoch);
        Assert.True(all.Zip(otherEpoch).Count(pair => pair.First.Equals(pair.Second)) < 5);

        var otherSeed = new AugmentationParameters[1000];
        augmentation.WithSeed(10).DrawParameters(shape, 2, 0, otherSeed);
        Assert.True(all.Zip(otherSeed).Count(pair => pair.First.Equals(pair.Second)) < 5);
    }

    [Fact]
    public void Adding_an_op_leaves_the_other_ops_choices_unchanged()
    {
        var shape = new ImageShape(32, 32, 3);
        var first = new AugmentationParameters[50];
        var second = new AugmentationParameters[50];
        new ImageAugmentation(4).RandomCrop(4).DrawParameters(shape, 0, 0, first);
        new ImageAugmentation(4).RandomCrop(4).RandomBrightness(0.3f).DrawParameters(shape, 0, 0, second);
        Assert.Equal(first.Select(p => (p.CropTop, p.CropLeft)), second.Select(p => (p.CropTop, p.CropLeft)));
    }

    [Fact]
    public void The_result_does_not_depend_on_the_thread_count()
    {
        var shape = new ImageShape(32, 32, 3);
        var augmentation = new ImageAugmentation(3).RandomCrop(4).RandomFlipLeftRight().RandomFlipUpDown().RandomBrightness(0.2f)
            .RandomContrast(0.5f, 1.5f).RandomSaturation(0.5f, 1.5f).RandomHue(0.1f).PerImageStandardization().WithLayout(TensorLayout.Nchw);
        var images = RandomBytes(new Random(5), 64 * shape.Length);
        var parameters = new AugmentationParameters[64];
        augmentation.DrawParameters(shape, 1, 640, parameters);

        var one = new float[images.Length];
        var two = new float[images.Length];
        var any = new float[images.Length];
        augmentation.Apply(images, shape, parameters, one, maxDegreeOfParallelism: 1);
        augmentation.Apply(images, shape, parameters, two, maxDegreeOfParallelism: 2);
        augmentation.Apply(images, shape, parameters, any, maxDegreeOfParallelism: -1);
        Assert.Equal(one, two);
        Assert.Equal(one, any);
    }

    [Fact]
    public void Parse_reads_the_cli_syntax()
    {
        var parsed = ImageAugmentation.Parse("crop:4, flip, flipud, brightness:0.2, contrast:0.8-1.2, saturation:0.5-1.5, hue:0.1, standardize", seed: 7);
        Assert.Equal(7, parsed.Seed);
        var built = new ImageAugmentation(7).RandomCrop(4).RandomFlipLeftRight().RandomFlipUpDown().RandomBrightness(0.2f)
            .RandomContrast(0.8f, 1.2f).RandomSaturation(0.5f, 1.5f).RandomHue(0.1f).PerImageStandardization();
        var shape = new ImageShape(8, 8, 3);
        var images = RandomBytes(new Random(1), 4 * shape.Length);
        var (a, b) = (new AugmentationParameters[4], new AugmentationParameters[4]);
        parsed.DrawParameters(shape, 0, 0, a);
        built.DrawParameters(shape, 0, 0, b);
        Assert.Equal(b, a);
        var (x, y) = (new float[images.Length], new float[images.Length]);
        parsed.Apply(images, shape, a, x);
        built.Apply(images, shape, b, y);
        Assert.Equal(y, x);
    }

    [Theory]
    [InlineData("crop:4,blur", "unknown op 'blur'")]
    [InlineData("brightness", "expected DELTA")]
    [InlineData("contrast:1.2", "expected LOW-HIGH")]
    [InlineData("contrast:1.2-0.8", "'contrast:1.2-0.8'")]
    [InlineData("flip:2", "takes no argument")]
    [InlineData("crop:x", "expected PAD")]
    [InlineData("flip,flip", "already has RandomFlipLeftRight")]
    public void Parse_names_the_bad_op_or_argument(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ImageAugmentation.Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pipeline_that_does_not_fit_the_images_says_why()
    {
        Assert.Contains("3 channels", Assert.Throws<ArgumentException>(() => new ImageAugmentation().RandomHue(0.1f).OutputShape(new ImageShape(4, 4, 1))).Message, StringComparison.Ordinal);
        Assert.Contains("does not fit", Assert.Throws<ArgumentException>(() => new ImageAugmentation().RandomCrop(40, 40).OutputShape(new ImageShape(32, 32, 3))).Message, StringComparison.Ordinal);
    }

    internal static (ImageAugmentation Augmentation, List<Op> Ops, int Padding) RandomPipeline(Random random)
    {
        int padding = random.Next(0, 5);
        var augmentation = new ImageAugmentation(random.Next()).RandomCrop(padding);
        if (random.Next(2) == 0)
        {
            augmentation = augmentation.RandomFlipLeftRight();
        }

        if (random.Next(2) == 0)
        {
            augmentation = augmentation.RandomFlipUpDown();
        }

        var ops = new List<Op>();
        // HSV of values outside [0, 1] is where TF's conversion and the textbook one part ways, so the HSV ops come
        // first, after at most a contrast that keeps values inside (a factor up to 1 mixes each value with the mean).
        var hsvFirst = new[] { "contrast", "saturation", "hue" }.OrderBy(_ => random.Next());
        var rest = new[] { "brightness", "standardize", "normalize" }.OrderBy(_ => random.Next());
        foreach (string name in hsvFirst.Concat(rest))
        {
            if (random.Next(3) == 0)
            {
                continue;
            }

            float[] mean = [0.5f, 0.4f, 0.3f], std = [0.25f, 0.2f, 0.3f];
            augmentation = name switch
            {
                "brightness" => augmentation.RandomBrightness(0.3f),
                "contrast" => augmentation.RandomContrast(0.5f, 1f),
                "saturation" => augmentation.RandomSaturation(0.3f, 1.7f),
                "hue" => augmentation.RandomHue(0.4f),
                "standardize" => augmentation.PerImageStandardization(),
                _ => augmentation.Normalize(mean, std),
            };
            ops.Add(new Op(name, Mean: [.. mean.Select(v => (double)v)], Std: [.. std.Select(v => (double)v)]));
        }

        return (augmentation, ops, padding);
    }

    internal static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static float[] Check(
        ImageAugmentation augmentation, ImageShape shape, int padding, int outHeight, int outWidth, List<Op> ops, AugmentationParameters[] parameters)
    {
        var images = RandomBytes(new Random(shape.GetHashCode()), parameters.Length * shape.Length);
        int outLength = outHeight * outWidth * shape.Channels;
        var actual = new float[parameters.Length * outLength];
        augmentation.Apply(images, shape, parameters, actual);
        for (int i = 0; i < parameters.Length; i++)
        {
            var expected = Apply(images.AsSpan(i * shape.Length, shape.Length).ToArray(), shape, padding, outHeight, outWidth, parameters[i], ops, augmentation.Layout);
            for (int j = 0; j < outLength; j++)
            {
                double error = Math.Abs(actual[(i * outLength) + j] - expected[j]);
                Assert.True(error <= Tolerance * Math.Max(1, Math.Abs(expected[j])), $"{string.Join(",", ops.Select(o => o.Name))} image {i} value {j}: {actual[(i * outLength) + j]} against {expected[j]} ({parameters[i].CropTop},{parameters[i].CropLeft},{parameters[i].FlipLeftRight},{parameters[i].FlipUpDown})");
            }
        }

        return actual;
    }

    private static AugmentationParameters With(int top, int left, int flipLeftRight = 0, int flipUpDown = 0) => new()
    {
        CropTop = top,
        CropLeft = left,
        FlipLeftRight = flipLeftRight,
        FlipUpDown = flipUpDown,
        ContrastFactor = 1,
        SaturationFactor = 1,
    };

    private static AugmentationParameters[] Neutral(int count) => Enumerable.Range(0, count).Select(_ => With(0, 0)).ToArray();
}
