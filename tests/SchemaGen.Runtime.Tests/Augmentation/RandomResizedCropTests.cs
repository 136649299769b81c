using SchemaGen.Augmentation;

namespace SchemaGen.Runtime.Tests.Augmentation;

/// <summary>RandomResizedCrop's windows: tf.image.sample_distorted_bounding_box's constraints, fallback and determinism.</summary>
public sealed class RandomResizedCropTests
{
    private static readonly (int Height, int Width)[] ImageSizes = [(375, 500), (500, 375), (224, 224), (31, 977), (1, 1), (2, 3), (600, 17)];

    [Fact]
    public void Every_window_is_inside_the_image_and_meets_the_area_and_aspect_ranges_as_tf_rounds_them()
    {
        var augmentation = new ImageAugmentation(seed: 11).RandomResizedCrop(224, minObjectCovered: 0);
        foreach (var (height, width) in ImageSizes)
        {
            int fallbacks = 0;
            for (int index = 0; index < 500; index++)
            {
                var w = augmentation.ChooseWindow(height, width, default, 0, index);
                Assert.True(w.X >= 0 && w.Y >= 0 && w.Width >= 1 && w.Height >= 1 && w.X + w.Width <= width && w.Y + w.Height <= height, $"{w} in {width}x{height}");
                if (w == CropWindow.Whole(width, height))
                {
                    fallbacks++;
                    continue;
                }

                // GenerateRandomCrop keeps area in [min, max] exactly (float) and width = lrint(height * aspect).
                float area = w.Width * w.Height;
                Assert.InRange(area, 0.08f * width * height, 1f * width * height);
                double aspect = w.Width / (double)w.Height, slack = 0.5 / w.Height;
                Assert.InRange(aspect, (3.0 / 4) - slack - 1e-6, (4.0 / 3) + slack + 1e-6);

                // TensorFlow draws offsets in [0, size - crop): the last offset is never drawn.
                Assert.True(w.X + w.Width < width || w.Width == width);
                Assert.True(w.Y + w.Height < height || w.Height == height);
            }

            double shape = width / (double)height;
            if (height * width > 100 && shape is > 0.5 and < 2)
            {
                Assert.True(fallbacks < 50, $"{fallbacks} fallbacks for {width}x{height}");
            }
            else if (shape is > 20 or < 0.05)
            {
                // No window of aspect 3/4 to 4/3 in so long a strip reaches 8% of its area: always the whole image.
                Assert.Equal(500, fallbacks);
            }
        }
    }

    [Fact]
    public void Impossible_constraints_fall_back_to_the_whole_image()
    {
        // On a square, an aspect ratio of 3 to 4 cannot hold 90% of the area.
        var augmentation = new ImageAugmentation(seed: 2).RandomResizedCrop(32, area: (0.9f, 1f), aspectRatio: (3f, 4f));
        for (int index = 0; index < 200; index++)
        {
            Assert.Equal(CropWindow.Whole(100, 100), augmentation.ChooseWindow(100, 100, default, 3, index));
            Assert.Equal(new SourceRegion(0, 0, 100, 100), augmentation.ChooseRegion(100, 100, default, 3, index));
        }
    }

    [Fact]
    public void Windows_cover_the_least_fraction_of_one_box()
    {
        var augmentation = new ImageAugmentation(seed: 5).RandomResizedCrop(64, minObjectCovered: 0.7f);
        BoundingBox[] boxes = [new(0.05f, 0.6f, 0.3f, 0.95f), new(0.7f, 0.1f, 0.9f, 0.2f)];
        int height = 300, width = 400, away = 0;
        for (int index = 0; index < 1000; index++)
        {
            var w = augmentation.ChooseWindow(height, width, boxes, 1, index);
            double best = 0;
            foreach (var box in boxes)
            {
                // The box in whole pixels by truncation, as TensorFlow converts it.
                int x0 = (int)(box.XMin * width), y0 = (int)(box.YMin * height), x1 = (int)(box.XMax * width), y1 = (int)(box.YMax * height);
                int ix = Math.Max(0, Math.Min(w.X + w.Width, x1) - Math.Max(w.X, x0)), iy = Math.Max(0, Math.Min(w.Y + w.Height, y1) - Math.Max(w.Y, y0));
                best = Math.Max(best, ix * iy / (double)((x1 - x0) * (y1 - y0)));
            }

            Assert.True(best >= 0.7 - 1e-6, $"window {w} covers {best} of the best box");
            away += w.X > width / 2 || w.Y + w.Height < height / 2 ? 1 : 0;
        }

        Assert.True(away > 0);
    }

    [Fact]
    public void The_same_seed_epoch_and_index_give_the_same_window_in_any_order_or_thread()
    {
        var augmentation = new ImageAugmentation(seed: 9).RandomResizedCrop(224).RandomFlipLeftRight().RandomBrightness(0.1f);
        var sequential = Enumerable.Range(0, 2000).Select(i => augmentation.ChooseWindow(375, 500, default, 4, i)).ToArray();
        var parallel = new CropWindow[2000];
        Parallel.ForEach(Enumerable.Range(0, 2000).Reverse(), new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = augmentation.ChooseWindow(375, 500, default, 4, i));
        Assert.Equal(sequential, parallel);

        // The flip and colour choices do not share the window's stream: a pipeline without them draws the same windows.
        var plain = new ImageAugmentation(seed: 9).RandomResizedCrop(224);
        Assert.Equal(sequential, Enumerable.Range(0, 2000).Select(i => plain.ChooseWindow(375, 500, default, 4, i)));

        // Another epoch or seed draws others.
        Assert.NotEqual(sequential, Enumerable.Range(0, 2000).Select(i => augmentation.ChooseWindow(375, 500, default, 5, i)));
        Assert.NotEqual(sequential, Enumerable.Range(0, 2000).Select(i => plain.WithSeed(10).ChooseWindow(375, 500, default, 4, i)));
    }

    [Fact]
    public void The_area_and_offsets_are_spread_over_their_ranges()
    {
        var augmentation = new ImageAugmentation(seed: 3).RandomResizedCrop(224, minObjectCovered: 0);
        var windows = Enumerable.Range(0, 4000).Select(i => augmentation.ChooseWindow(375, 500, default, 0, i)).ToArray();
        var areas = windows.Select(w => w.Width * w.Height / (375.0 * 500)).ToArray();

        // The height is uniform between sqrt(min area / aspect) and sqrt(max area / aspect), so the area's mean lies near
        // the middle of [0.08, 1] (about 0.43 for these ranges, less where wide crops hit the image's edge).
        Assert.InRange(areas.Average(), 0.3, 0.6);
        Assert.True(areas.Min() < 0.1 && areas.Max() > 0.9);
        double small = areas.Count(a => a < 0.3) / (double)areas.Length;
        Assert.InRange(small, 0.2, 0.6);
        var aspects = windows.Select(w => w.Width / (double)w.Height).ToArray();
        Assert.InRange(aspects.Average(), 0.95, 1.15);
        Assert.InRange(windows.Average(w => w.X + (w.Width / 2.0)), 200, 300);
        Assert.InRange(windows.Average(w => w.Y + (w.Height / 2.0)), 150, 225);
    }

    [Fact]
    public void Builder_refuses_bad_ranges_and_a_second_sizing_op()
    {
        var augmentation = new ImageAugmentation();
        Assert.Throws<ArgumentOutOfRangeException>(() => augmentation.RandomResizedCrop(224, area: (0f, 1f)));
        Assert.Throws<ArgumentOutOfRangeException>(() => augmentation.RandomResizedCrop(224, area: (0.5f, 1.5f)));
        Assert.Throws<ArgumentOutOfRangeException>(() => augmentation.RandomResizedCrop(224, aspectRatio: (2f, 1f)));
        Assert.Throws<ArgumentOutOfRangeException>(() => augmentation.RandomResizedCrop(224, maxAttempts: 0));
        Assert.Throws<ArgumentException>(() => augmentation.RandomResizedCrop(224).Resize(10, 10));
        Assert.Throws<ArgumentException>(() => augmentation.RandomCrop(4).Resize(10, 10));
        Assert.Throws<InvalidOperationException>(() => augmentation.CenterCrop(10));
        Assert.Throws<InvalidOperationException>(() => augmentation.ResizeShorterSide(10).OutputShape(new ImageShape(5, 5, 3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => augmentation.ResizeShorterSide(10).CenterCrop(11));
        Assert.Equal(new ImageShape(224, 224, 3), augmentation.RandomResizedCrop(224).OutputShape(new ImageShape(375, 500, 3)));
        Assert.Equal(new ImageShape(7, 9, 1), augmentation.Resize(7, 9).OutputShape(new ImageShape(375, 500, 1)));
    }
}
