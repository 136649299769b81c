namespace SchemaGen.Runtime.Tests.Augmentation;

/// <summary>
/// TensorFlow's resize formulas written out plainly in double, output pixel by output pixel over a [h, w, c] uint8
/// image: resize_bilinear_op.cc (half-pixel centers), resize_nearest_neighbor_op.cc (half-pixel centers),
/// resize_area_op.cc, and scale_and_translate_op.cc with the triangle kernel (tf.image.resize's antialias). The source
/// is a region (x, y, w, h) of the image, sampled at <c>region + (i + 0.5) * scale</c>; reads are clamped to the
/// pixels [lo, hi] of each axis (for a whole image or a crop, its own pixels, as TensorFlow clamps at its edges).
/// </summary>
internal static class ReferenceResize
{
    public sealed record Axis(double Start, double Length, int Output, int Low, int High)
    {
        public double Scale => Length / Output;

        public int Clamp(long i) => (int)Math.Clamp(i, Low, High);
    }

    /// <summary>The resized image on the uint8 scale, as double[outH, outW, c].</summary>
    public static double[,,] Resize(byte[] image, int height, int width, int channels, Axis ys, Axis xs, string method)
    {
        _ = height;
        var output = new double[ys.Output, xs.Output, channels];
        for (int y = 0; y < ys.Output; y++)
        {
            for (int x = 0; x < xs.Output; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    double Pixel(int row, int column) => image[(((row * width) + column) * channels) + c];
                    output[y, x, c] = method switch
                    {
                        "bilinear" => Bilinear(ys, xs, y, x, Pixel),
                        "nearest" => Pixel(ys.Clamp((long)Math.Floor(ys.Start + ((y + 0.5) * ys.Scale))), xs.Clamp((long)Math.Floor(xs.Start + ((x + 0.5) * xs.Scale)))),
                        "area" => Area(ys, xs, y, x, Pixel),
                        "antialias" => Triangle(ys, xs, y, x, Pixel),
                        _ => throw new ArgumentException(method),
                    };
                }
            }
        }

        return output;
    }

    // in = start + (i + 0.5) * scale - 0.5; lower = max(floor(in), lo); upper = min(ceil(in), hi); lerp = in - floor(in).
    private static double Bilinear(Axis ys, Axis xs, int y, int x, Func<int, int, double> pixel)
    {
        double iy = ys.Start + ((y + 0.5) * ys.Scale) - 0.5, ix = xs.Start + ((x + 0.5) * xs.Scale) - 0.5;
        int top = ys.Clamp((long)Math.Floor(iy)), bottom = ys.Clamp((long)Math.Ceiling(iy));
        int left = xs.Clamp((long)Math.Floor(ix)), right = xs.Clamp((long)Math.Ceiling(ix));
        double ly = iy - Math.Floor(iy), lx = ix - Math.Floor(ix);
        double upper = pixel(top, left) + ((pixel(top, right) - pixel(top, left)) * lx);
        double lower = pixel(bottom, left) + ((pixel(bottom, right) - pixel(bottom, left)) * lx);
        return upper + ((lower - upper) * ly);
    }

    // Each source cell's overlap with the output pixel's [start + i * scale, start + (i + 1) * scale), over the scale;
    // cells outside [lo, hi] read the edge pixel (TensorFlow's Bound).
    private static double Area(Axis ys, Axis xs, int y, int x, Func<int, int, double> pixel)
    {
        double sum = 0;
        foreach (var (row, wy) in AreaCells(ys, y))
        {
            foreach (var (column, wx) in AreaCells(xs, x))
            {
                sum += pixel(row, column) * wy * wx;
            }
        }

        return sum;
    }

    private static IEnumerable<(int Pixel, double Weight)> AreaCells(Axis axis, int i)
    {
        double start = axis.Start + (i * axis.Scale), end = axis.Start + ((i + 1) * axis.Scale);
        for (long cell = (long)Math.Floor(start); cell < Math.Ceiling(end); cell++)
        {
            double overlap = Math.Min(cell + 1, end) - Math.Max(cell, start);
            yield return (axis.Clamp(cell), overlap / axis.Scale);
        }
    }

    // scale_and_translate: sample = start + (i + 0.5) * scale; kernel scale = max(scale, 1); taps
    // ceil(sample - ks - 0.5) .. floor(sample + ks - 0.5) clamped to [lo, hi]; weight = triangle(|j + 0.5 - sample| / ks),
    // normalized to sum 1.
    private static double Triangle(Axis ys, Axis xs, int y, int x, Func<int, int, double> pixel)
    {
        var rows = TriangleTaps(ys, y);
        var columns = TriangleTaps(xs, x);
        double sum = 0;
        foreach (var (row, wy) in rows)
        {
            foreach (var (column, wx) in columns)
            {
                sum += pixel(row, column) * wy * wx;
            }
        }

        return sum;
    }

    public static List<(int Pixel, double Weight)> TriangleTaps(Axis axis, int i)
    {
        double sample = axis.Start + ((i + 0.5) * axis.Scale), ks = Math.Max(axis.Scale, 1);
        int first = axis.Clamp((long)Math.Ceiling(sample - ks - 0.5)), last = axis.Clamp((long)Math.Floor(sample + ks - 0.5));
        var taps = new List<(int, double)>();
        for (int j = first; j <= last; j++)
        {
            taps.Add((j, Math.Max(0, 1 - (Math.Abs(j + 0.5 - sample) / ks))));
        }

        double total = taps.Sum(t => t.Item2);
        return [.. taps.Select(t => (t.Item1, t.Item2 / total))];
    }
}
