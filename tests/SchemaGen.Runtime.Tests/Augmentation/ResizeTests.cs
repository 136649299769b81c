using SchemaGen.Augmentation;

using static SchemaGen.Runtime.Tests.Augmentation.ReferenceResize;

namespace SchemaGen.Runtime.Tests.Augmentation;

/// <summary>The sizing ops' resampling against TensorFlow's formulas, computed pixel by pixel in double by <see cref="ReferenceResize"/>.</summary>
public sealed class ResizeTests
{
    private const double Tolerance = 2e-5;

    public static TheoryData<int, int, int, int, int, string> Sizes()
    {
        var data = new TheoryData<int, int, int, int, int, string>();
        foreach (string method in new[] { "bilinear", "nearest", "area", "antialias" })
        {
            data.Add(37, 50, 16, 24, 3, method); // down
            data.Add(7, 5, 19, 23, 3, method); // up
            data.Add(1, 1, 4, 3, 3, method); // one pixel
            data.Add(9, 1, 3, 5, 1, method); // one column, down and up
            data.Add(13, 17, 13, 17, 1, method); // same size
            data.Add(40, 31, 7, 11, 3, method); // far down, odd
            data.Add(11, 30, 29, 6, 3, method); // up one axis, down the other
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Resize_of_the_whole_image_is_tf_image_resize(int height, int width, int outHeight, int outWidth, int channels, string method)
    {
        foreach (var layout in new[] { TensorLayout.Nhwc, TensorLayout.Nchw })
        {
            var augmentation = Pipeline(method, outHeight, outWidth).WithLayout(layout);
            var image = Bytes(height * width * channels, height + width);
            var region = new SourceRegion(0, 0, width, height);
            var actual = Run(augmentation, [(image, height, width, region)], channels);
            var expected = ReferenceResize.Resize(
                image, height, width, channels, new Axis(0, height, outHeight, 0, height - 1), new Axis(0, width, outWidth, 0, width - 1), method);
            AssertClose(Layout(expected, 1 / 255.0, layout), actual, method);
        }
    }

    [Theory]
    [InlineData("bilinear")]
    [InlineData("nearest")]
    [InlineData("area")]
    [InlineData("antialias")]
    public void Fractional_regions_resample_the_region_clamped_to_its_pixels(string method)
    {
        // Regions as a decoder reports them after a reduced-scale or block-aligned decode.
        var regions = new (int Height, int Width, SourceRegion Region)[]
        {
            (40, 52, new SourceRegion(3.25f, 5.5f, 30.5f, 21.75f)),
            (20, 20, new SourceRegion(0.125f, 0, 19.875f, 20)),
            (9, 14, new SourceRegion(2.5f, 1.75f, 3.5f, 2.5f)),
            (30, 25, new SourceRegion(10, 4, 1, 1)),
        };
        foreach (var (height, width, region) in regions)
        {
            var augmentation = Pipeline(method, 11, 13);
            var image = Bytes(height * width * 3, height * width);
            var actual = Run(augmentation, [(image, height, width, region)], 3);
            var ys = new Axis(region.Y, region.Height, 11, (int)Math.Floor(region.Y), (int)Math.Ceiling(region.Y + region.Height) - 1);
            var xs = new Axis(region.X, region.Width, 13, (int)Math.Floor(region.X), (int)Math.Ceiling(region.X + region.Width) - 1);
            AssertClose(Layout(ReferenceResize.Resize(image, height, width, 3, ys, xs, method), 1 / 255.0, TensorLayout.Nhwc), actual, $"{method} {region}");
        }
    }

    [Theory]
    [InlineData(TensorLayout.Nhwc)]
    [InlineData(TensorLayout.Nchw)]
    public void Flips_mirror_the_resized_image(TensorLayout layout)
    {
        var augmentation = new ImageAugmentation(seed: 3).Resize(9, 14).RandomFlipLeftRight().RandomFlipUpDown().WithLayout(layout);
        var batch = new DecodedImageBatch(16, 3);
        var images = new List<byte[]>();
        for (int i = 0; i < 16; i++)
        {
            var pixels = Bytes(21 * 17 * 3, i);
            pixels.CopyTo(batch.Add(21, 17, new SourceRegion(0, 0, 17, 21)));
            images.Add(pixels);
        }

        var output = augmentation.CreateTensor(3, 16);
        augmentation.Apply(batch, epoch: 2, firstImage: 40, output);
        var flips = new HashSet<(int, int)>();
        for (int i = 0; i < 16; i++)
        {
            var p = output.Parameters[i];
            flips.Add((p.FlipLeftRight, p.FlipUpDown));
            var resized = ReferenceResize.Resize(images[i], 21, 17, 3, new Axis(0, 21, 9, 0, 20), new Axis(0, 17, 14, 0, 16), "bilinear");
            var flipped = Flip(resized, p.FlipLeftRight == 1, p.FlipUpDown == 1);
            AssertClose(Layout(flipped, 1 / 255.0, layout), output.Span.Slice(i * 9 * 14 * 3, 9 * 14 * 3).ToArray(), $"image {i}");
        }

        Assert.Equal(4, flips.Count);
    }

    [Theory]
    [InlineData(37, 50, 20, 16, "bilinear")]
    [InlineData(50, 37, 20, 17, "bilinear")]
    [InlineData(9, 12, 20, 18, "bilinear")]
    [InlineData(61, 45, 16, 16, "antialias")]
    [InlineData(33, 44, 12, 9, "area")]
    [InlineData(33, 44, 12, 9, "nearest")]
    public void Shorter_side_then_center_crop_equals_the_two_steps(int height, int width, int shorter, int crop, string method)
    {
        var image = Bytes(height * width * 3, height * 7);
        var augmentation = Method(method, (m, a) => new ImageAugmentation(1).ResizeShorterSide(shorter, m, a)).CenterCrop(crop);

        // Step 1: the shorter side to `shorter`, the other to round(shorter * long / short); step 2: the central crop.
        int resizedHeight = height <= width ? shorter : (int)Math.Round(shorter * (double)height / width, MidpointRounding.ToEven);
        int resizedWidth = height <= width ? (int)Math.Round(shorter * (double)width / height, MidpointRounding.ToEven) : shorter;
        var resized = ReferenceResize.Resize(
            image, height, width, 3, new Axis(0, height, resizedHeight, 0, height - 1), new Axis(0, width, resizedWidth, 0, width - 1), method);
        int top = (resizedHeight - crop) / 2, left = (resizedWidth - crop) / 2;
        var expected = new double[crop, crop, 3];
        for (int y = 0; y < crop; y++)
        {
            for (int x = 0; x < crop; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    expected[y, x, c] = resized[top + y, left + x, c];
                }
            }
        }

        // The region is that window of the source, in double.
        var region = augmentation.ChooseRegion(height, width, default, 0, 0);
        Assert.Equal(left * width / (double)resizedWidth, region.X, 4);
        Assert.Equal(top * height / (double)resizedHeight, region.Y, 4);
        Assert.Equal(crop * width / (double)resizedWidth, region.Width, 4);
        Assert.Equal(crop * height / (double)resizedHeight, region.Height, 4);

        // One resize of the whole decoded image's region, and of only the window a decoder is asked for.
        var whole = Run(augmentation, [(image, height, width, region)], 3);
        AssertClose(Layout(expected, 1 / 255.0, TensorLayout.Nhwc), whole, "whole image", 1e-4);
        var window = augmentation.ChooseWindow(height, width, default, 0, 0);
        var part = Crop(image, width, 3, window);
        var mapped = ImageSizing.MapRegion(region, window, window.Height, window.Width);
        var windowed = Run(augmentation, [(part, window.Height, window.Width, mapped)], 3);
        AssertClose(Layout(expected, 1 / 255.0, TensorLayout.Nhwc), windowed, "window only", 1e-4);

        // A decoder that reports the window itself as the region: the region is set to the central one afterwards.
        var batch = new DecodedImageBatch(1, 3);
        part.CopyTo(batch.Add(window.Height, window.Width, new SourceRegion(0, 0, window.Width, window.Height)));
        batch.SetRegion(0, ImageSizing.MapRegion(region, window, batch.Images[0].Region));
        Assert.Equal(mapped, batch.Images[0].Region);
        var output = augmentation.CreateTensor(3, 1);
        augmentation.Apply(batch, 0, 0, output);
        AssertClose(Layout(expected, 1 / 255.0, TensorLayout.Nhwc), output.Span.ToArray(), "region set after decoding", 1e-4);
    }

    [Fact]
    public void A_region_outside_its_image_is_refused_naming_the_image()
    {
        var augmentation = new ImageAugmentation().Resize(4, 4);
        var batch = new DecodedImageBatch(2, 3);
        batch.Add(10, 10, new SourceRegion(0, 0, 10, 10));
        batch.Add(10, 10, new SourceRegion(5, 5, 6, 2));
        var error = Assert.Throws<ArgumentException>(() => augmentation.Apply(batch, 0, 0, augmentation.CreateTensor(3, 2)));
        Assert.Contains("Image 1", error.Message, StringComparison.Ordinal);
    }

    internal static ImageAugmentation Pipeline(string method, int height, int width) =>
        Method(method, (m, a) => new ImageAugmentation().Resize(height, width, m, a));

    internal static ImageAugmentation Method(string method, Func<ResizeMethod, bool, ImageAugmentation> make) => method switch
    {
        "bilinear" => make(ResizeMethod.Bilinear, false),
        "antialias" => make(ResizeMethod.Bilinear, true),
        "nearest" => make(ResizeMethod.Nearest, false),
        "area" => make(ResizeMethod.Area, false),
        _ => throw new ArgumentException(method),
    };

    internal static float[] Run(ImageAugmentation augmentation, (byte[] Pixels, int Height, int Width, SourceRegion Region)[] images, int channels)
    {
        var batch = new DecodedImageBatch(images.Length, channels);
        foreach (var (pixels, height, width, region) in images)
        {
            pixels.CopyTo(batch.Add(height, width, region));
        }

        var output = augmentation.CreateTensor(channels, images.Length);
        augmentation.Apply(batch, 0, 0, output);
        return output.Span.ToArray();
    }

    internal static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    internal static byte[] Crop(byte[] image, int width, int channels, CropWindow window)
    {
        var part = new byte[window.Height * window.Width * channels];
        for (int y = 0; y < window.Height; y++)
        {
            image.AsSpan((((window.Y + y) * width) + window.X) * channels, window.Width * channels).CopyTo(part.AsSpan(y * window.Width * channels));
        }

        return part;
    }

    internal static double[,,] Flip(double[,,] image, bool leftRight, bool upDown)
    {
        int h = image.GetLength(0), w = image.GetLength(1), c = image.GetLength(2);
        var flipped = new double[h, w, c];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                for (int k = 0; k < c; k++)
                {
                    flipped[y, x, k] = image[upDown ? h - 1 - y : y, leftRight ? w - 1 - x : x, k];
                }
            }
        }

        return flipped;
    }

    internal static double[] Layout(double[,,] image, double scale, TensorLayout layout)
    {
        int h = image.GetLength(0), w = image.GetLength(1), c = image.GetLength(2);
        var values = new double[h * w * c];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                for (int k = 0; k < c; k++)
                {
                    values[layout == TensorLayout.Nhwc ? (((y * w) + x) * c) + k : (((k * h) + y) * w) + x] = image[y, x, k] * scale;
                }
            }
        }

        return values;
    }

    internal static void AssertClose(double[] expected, float[] actual, string what, double tolerance = Tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (!(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i]))))
            {
                Assert.Fail($"{what}: value {i} is {actual[i]}, expected {expected[i]}");
            }
        }
    }
}
