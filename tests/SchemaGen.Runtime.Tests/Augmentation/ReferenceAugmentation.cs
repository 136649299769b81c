using SchemaGen.Augmentation;

namespace SchemaGen.Runtime.Tests.Augmentation;

/// <summary>
/// tf.image's formulas written out plainly in double, op by op on a [h, w, c] array: the oracle the fused CPU and
/// GPU paths are checked against. Hue and saturation go through a textbook RGB/HSV conversion (colorsys's).
/// </summary>
internal static class ReferenceAugmentation
{
    public sealed record Op(string Name, double X = 0, double Y = 0, double[]? Mean = null, double[]? Std = null);

    /// <summary>One image through pad, crop, flips and the value ops in order, then laid out as NHWC or NCHW.</summary>
    public static double[] Apply(
        byte[] source, ImageShape shape, int padding, int outHeight, int outWidth, AugmentationParameters p, IEnumerable<Op> ops, TensorLayout layout)
    {
        int channels = shape.Channels;
        var image = new double[outHeight, outWidth, channels];
        for (int y = 0; y < outHeight; y++)
        {
            for (int x = 0; x < outWidth; x++)
            {
                // Crop of the padded image, then flips of the crop.
                int cy = p.FlipUpDown == 1 ? outHeight - 1 - y : y, cx = p.FlipLeftRight == 1 ? outWidth - 1 - x : x;
                int sy = cy + p.CropTop - padding, sx = cx + p.CropLeft - padding;
                for (int c = 0; c < channels; c++)
                {
                    bool inside = sy >= 0 && sy < shape.Height && sx >= 0 && sx < shape.Width;
                    image[y, x, c] = inside ? source[(((sy * shape.Width) + sx) * channels) + c] / 255.0 : 0;
                }
            }
        }

        return ApplyOps(image, p, ops, layout);
    }

    /// <summary>The value ops in order over an image already on the [0, 1] scale (modified in place), then laid out.</summary>
    public static double[] ApplyOps(double[,,] image, AugmentationParameters p, IEnumerable<Op> ops, TensorLayout layout)
    {
        int outHeight = image.GetLength(0), outWidth = image.GetLength(1), channels = image.GetLength(2);
        foreach (var op in ops)
        {
            switch (op.Name)
            {
                case "brightness":
                    Map(image, (_, v) => v + p.BrightnessDelta);
                    break;
                case "contrast":
                    var means = Enumerable.Range(0, channels).Select(c => ChannelValues(image, c).Average()).ToArray();
                    Map(image, (c, v) => ((v - means[c]) * p.ContrastFactor) + means[c]);
                    break;
                case "standardize":
                    var all = image.Cast<double>().ToArray();
                    double mean = all.Average();
                    double std = Math.Sqrt(all.Select(v => (v - mean) * (v - mean)).Average());
                    double adjusted = Math.Max(std, 1 / Math.Sqrt(all.Length));
                    Map(image, (_, v) => (v - mean) / adjusted);
                    break;
                case "normalize":
                    Map(image, (c, v) => (v - op.Mean![c]) / op.Std![c]);
                    break;
                case "hue":
                case "saturation":
                    for (int y = 0; y < outHeight; y++)
                    {
                        for (int x = 0; x < outWidth; x++)
                        {
                            var (h, s, v) = RgbToHsv(image[y, x, 0], image[y, x, 1], image[y, x, 2]);
                            if (op.Name == "hue")
                            {
                                h = ((h + p.HueDelta) % 1 + 1) % 1;
                            }
                            else
                            {
                                s = Math.Clamp(s * p.SaturationFactor, 0, 1);
                            }

                            (image[y, x, 0], image[y, x, 1], image[y, x, 2]) = HsvToRgb(h, s, v);
                        }
                    }

                    break;
                default:
                    throw new ArgumentException(op.Name);
            }
        }

        var result = new double[outHeight * outWidth * channels];
        for (int y = 0; y < outHeight; y++)
        {
            for (int x = 0; x < outWidth; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    int at = layout == TensorLayout.Nhwc ? (((y * outWidth) + x) * channels) + c : (((c * outHeight) + y) * outWidth) + x;
                    result[at] = image[y, x, c];
                }
            }
        }

        return result;
    }

    // Python's colorsys.rgb_to_hsv, hue in turns.
    public static (double H, double S, double V) RgbToHsv(double r, double g, double b)
    {
        double max = Math.Max(r, Math.Max(g, b)), min = Math.Min(r, Math.Min(g, b));
        if (max == min)
        {
            return (0, 0, max);
        }

        double s = (max - min) / max;
        double rc = (max - r) / (max - min), gc = (max - g) / (max - min), bc = (max - b) / (max - min);
        double h = r == max ? bc - gc : g == max ? 2 + rc - bc : 4 + gc - rc;
        return ((h / 6 % 1 + 1) % 1, s, max);
    }

    // Python's colorsys.hsv_to_rgb.
    public static (double R, double G, double B) HsvToRgb(double h, double s, double v)
    {
        if (s == 0)
        {
            return (v, v, v);
        }

        int i = (int)(h * 6);
        double f = (h * 6) - i, p = v * (1 - s), q = v * (1 - (s * f)), t = v * (1 - (s * (1 - f)));
        return (i % 6) switch
        {
            0 => (v, t, p),
            1 => (q, v, p),
            2 => (p, v, t),
            3 => (p, q, v),
            4 => (t, p, v),
            _ => (v, p, q),
        };
    }

    private static IEnumerable<double> ChannelValues(double[,,] image, int c)
    {
        for (int y = 0; y < image.GetLength(0); y++)
        {
            for (int x = 0; x < image.GetLength(1); x++)
            {
                yield return image[y, x, c];
            }
        }
    }

    private static void Map(double[,,] image, Func<int, double, double> f)
    {
        for (int y = 0; y < image.GetLength(0); y++)
        {
            for (int x = 0; x < image.GetLength(1); x++)
            {
                for (int c = 0; c < image.GetLength(2); c++)
                {
                    image[y, x, c] = f(c, image[y, x, c]);
                }
            }
        }
    }
}
