using System.Runtime.InteropServices;

namespace SchemaGen.Augmentation;

/// <summary>
/// One axis of a resize: which source pixels each output pixel reads and with what weights, by TensorFlow's formulas
/// (<c>resize_bilinear_op.cc</c>, <c>resize_nearest_neighbor_op.cc</c> with half-pixel centers, <c>resize_area_op.cc</c>,
/// and <c>scale_and_translate_op.cc</c>'s triangle kernel for antialias). The source is a region starting at
/// <see cref="Start"/> with <see cref="Scale"/> source pixels per output pixel, so for a whole image
/// (<c>Start = 0</c>, <c>Scale = in / out</c>) this is <c>tf.image.resize</c>. Plain fields and no arrays, so device
/// kernels (<c>SchemaGen.Gpu</c>'s) run this same code and get the CPU path's weights.
/// </summary>
/// <remarks>
/// Output pixel <c>x</c> reads source pixels <c>First(x)</c> to <c>First(x) + Count(x) - 1</c>, all within
/// [<see cref="Low"/>, <see cref="High"/>] (reads beyond are clamped there, as TensorFlow clamps at the image's
/// edges), with weights <c>Weight(x, k) * WeightScale(x)</c>.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public struct ResizeAxis
{
    /// <summary>The region's first edge, in source pixels (pixel <c>i</c> covers [i, i + 1)).</summary>
    public float Start;

    /// <summary>Source pixels per output pixel: the region's length over the output's.</summary>
    public float Scale;

    /// <summary>The first source pixel that may be read.</summary>
    public int Low;

    /// <summary>The last source pixel that may be read.</summary>
    public int High;

    /// <summary>The <see cref="ResizeMethod"/>, as an int.</summary>
    public int Method;

    /// <summary>Nonzero for the antialiased bilinear (triangle) kernel.</summary>
    public int Antialias;

    /// <summary>Creates an axis.</summary>
    /// <param name="start">The region's first edge, in source pixels.</param>
    /// <param name="length">The region's length, in source pixels.</param>
    /// <param name="outputLength">The output's pixels along the axis.</param>
    /// <param name="low">The first source pixel that may be read.</param>
    /// <param name="high">The last source pixel that may be read.</param>
    /// <param name="method">The resize method.</param>
    /// <param name="antialias">Whether bilinear is antialiased (ignored by nearest and area, as in TensorFlow).</param>
    /// <returns>The axis.</returns>
    public static ResizeAxis Create(float start, float length, int outputLength, int low, int high, ResizeMethod method, bool antialias) => new()
    {
        Start = start,
        Scale = length / outputLength,
        Low = low,
        High = high,
        Method = (int)method,
        Antialias = antialias && method == ResizeMethod.Bilinear ? 1 : 0,
    };

    /// <summary>The first source pixel output pixel <paramref name="x"/> reads.</summary>
    /// <param name="x">The output pixel.</param>
    /// <returns>A source pixel in [<see cref="Low"/>, <see cref="High"/>].</returns>
    public readonly int First(int x)
    {
        if (Method == (int)ResizeMethod.Nearest)
        {
            return Clamp(Floor(Start + ((x + 0.5f) * Scale)));
        }

        if (Method == (int)ResizeMethod.Area)
        {
            return Clamp(Floor(Start + (x * Scale)));
        }

        if (Antialias != 0)
        {
            float sample = Start + ((x + 0.5f) * Scale);
            return Clamp(Ceiling(sample - KernelScale() - 0.5f));
        }

        return Clamp(Floor(Start + ((x + 0.5f) * Scale) - 0.5f));
    }

    /// <summary>How many consecutive source pixels output pixel <paramref name="x"/> reads, from <see cref="First"/>.</summary>
    /// <param name="x">The output pixel.</param>
    /// <returns>At least 1.</returns>
    public readonly int Count(int x)
    {
        int first = First(x), last = first;
        if (Method == (int)ResizeMethod.Area)
        {
            float end = Start + ((x + 1) * Scale);
            int cellEnd = Ceiling(end);
            last = Clamp(cellEnd - 1);
        }
        else if (Antialias != 0)
        {
            float sample = Start + ((x + 0.5f) * Scale);
            last = Clamp(Floor(sample + KernelScale() - 0.5f));
        }
        else if (Method == (int)ResizeMethod.Bilinear)
        {
            last = Clamp(Ceiling(Start + ((x + 0.5f) * Scale) - 0.5f));
        }

        return last > first ? last - first + 1 : 1;
    }

    /// <summary>
    /// The weight of source pixel <c>First(x) + k</c> for output pixel <paramref name="x"/>, before
    /// <see cref="WeightScale"/> (which only the antialiased kernel needs, to normalize its weights).
    /// </summary>
    /// <param name="x">The output pixel.</param>
    /// <param name="k">The tap, from 0 to <c>Count(x) - 1</c>.</param>
    /// <returns>The weight.</returns>
    public readonly float Weight(int x, int k)
    {
        if (Method == (int)ResizeMethod.Nearest)
        {
            return 1;
        }

        int first = First(x);
        if (Method == (int)ResizeMethod.Area)
        {
            return AreaWeight(x, first, k);
        }

        if (Antialias != 0)
        {
            // scale_and_translate's triangle kernel, at the distance from the sample to the pixel's centre over the kernel's scale.
            float sample = Start + ((x + 0.5f) * Scale);
            float distance = (first + k + 0.5f - sample) * (1f / KernelScale());
            distance = distance < 0 ? -distance : distance;
            return distance < 1 ? 1 - distance : 0;
        }

        // resize_bilinear_op.cc: lerp = in - floor(in) between the clamped floor and ceiling.
        if (Count(x) == 1)
        {
            return 1;
        }

        float at = Start + ((x + 0.5f) * Scale) - 0.5f;
        float lerp = at - Floor(at);
        return k == 0 ? 1 - lerp : lerp;
    }

    /// <summary>What every <see cref="Weight"/> of output pixel <paramref name="x"/> is multiplied by: 1, or for the
    /// antialiased kernel one over their sum (0 when the sum vanishes, as in TensorFlow).</summary>
    /// <param name="x">The output pixel.</param>
    /// <returns>The factor.</returns>
    public readonly float WeightScale(int x)
    {
        if (Antialias == 0)
        {
            return 1;
        }

        float total = 0;
        int count = Count(x);
        for (int k = 0; k < count; k++)
        {
            total += Weight(x, k);
        }

        return (total < 0 ? -total : total) >= 1000f * 1.17549435e-38f ? 1f / total : 0;
    }

    // The triangle's half-width: widened by the scale when downsampling, so it low-pass filters.
    private readonly float KernelScale() => Scale > 1 ? Scale : 1;

    // Floor and ceiling by truncation (exact for coordinates far inside int's range): no Math calls, for kernels.
    private static int Floor(float value)
    {
        int i = (int)value;
        return i > value ? i - 1 : i;
    }

    private static int Ceiling(float value)
    {
        int i = (int)value;
        return i < value ? i + 1 : i;
    }

    private readonly int Clamp(int i) => i < Low ? Low : i > High ? High : i;

    // resize_area_op.cc: each cell's overlap with [start, end), over the scale; cells clamped onto an edge pixel add up there.
    private readonly float AreaWeight(int x, int first, int k)
    {
        float start = Start + (x * Scale), end = Start + ((x + 1) * Scale);
        int cellStart = Floor(start), cellEnd = Ceiling(end);
        if (cellEnd <= cellStart)
        {
            cellEnd = cellStart + 1;
        }

        int pixel = first + k;
        int from = k == 0 ? cellStart : pixel;
        int to = k == Count(x) - 1 ? cellEnd - 1 : pixel;
        float sum = 0;
        for (int cell = from; cell <= to; cell++)
        {
            float overlap = cell < start
                ? (cell + 1 > end ? Scale : cell + 1 - start)
                : (cell + 1 > end ? end - cell : 1);
            sum += overlap;
        }

        return sum / Scale;
    }
}
