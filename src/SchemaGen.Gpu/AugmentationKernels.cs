using ILGPU;
using SchemaGen.Augmentation;

namespace SchemaGen.Gpu;

/// <summary>What every kernel of a batch needs to know beside its buffers.</summary>
internal struct KernelSettings
{
    public ImageGeometry Geometry;
    public ColorCoefficients Normalization;
    public int InputLength;
    public int OutputLength;

    /// <summary>The value ops [AffineFirst, AffineEnd) that fold into the coefficients.</summary>
    public int AffineFirst;
    public int AffineEnd;

    /// <summary>Nonzero when none of the affine ops reads the image's statistics: each thread composes them itself.</summary>
    public int ComposeInline;

    /// <summary>The HSV ops [HsvFirst, HsvEnd) that follow the affine ones (Materialize only).</summary>
    public int HsvFirst;
    public int HsvEnd;
    public int Materialized;
    public int Nchw;
}

/// <summary>
/// The kernels of <see cref="GpuAugmentation"/>. They call the CPU path's own geometry, coefficient and HSV code
/// (<see cref="ImageGeometry"/>, <see cref="ColorMath"/>), so both compute the same numbers: per image, the value
/// ops between HSV steps fold into one multiply-add per channel (composed by every thread when no op needs the
/// image's statistics, else once per image by <see cref="Prepare"/>, which sums the image); HSV steps run one
/// thread per pixel; the output is written one thread per value, geometry and layout included.
/// </summary>
internal static class AugmentationKernels
{
    /// <summary>Composes the affine ops of each image, which read its statistics, into its coefficients (one thread per image).</summary>
    public static void Prepare(
        Index1D image, ArrayView<byte> source, ArrayView<float> scratch, ArrayView<AugmentationParameters> parameters,
        ArrayView<int> ops, ArrayView<ColorCoefficients> coefficients, KernelSettings settings)
    {
        var p = parameters[image];
        var moments = settings.Materialized != 0
            ? ScratchMoments(scratch, image * settings.OutputLength, settings.Geometry)
            : SourceMoments(source, image * settings.InputLength, settings.Geometry, p);
        coefficients[image] = Compose(p, ops, moments, settings);
    }

    /// <summary>Applies the coefficients, then the HSV ops, to one pixel into the scratch image.</summary>
    public static void Materialize(
        Index1D index, ArrayView<byte> source, ArrayView<float> scratch, ArrayView<AugmentationParameters> parameters,
        ArrayView<int> ops, ArrayView<ColorCoefficients> coefficients, KernelSettings settings)
    {
        var g = settings.Geometry;
        int pixels = g.OutPixels;
        int image = index / pixels, pixel = index - (image * pixels);
        int y = pixel / g.OutWidth, x = pixel - (y * g.OutWidth);
        var p = parameters[image];
        var k = Coefficients(image, p, ops, coefficients, settings);
        long at = ((long)image * settings.OutputLength) + (pixel * 3);
        float v0 = 0, v1 = 0, v2 = 0;
        if (settings.Materialized != 0)
        {
            v0 = scratch[at];
            v1 = scratch[at + 1];
            v2 = scratch[at + 2];
        }
        else
        {
            int sourceIndex = g.SourceIndex(y, x, 0, p);
            if (sourceIndex >= 0)
            {
                long from = ((long)image * settings.InputLength) + sourceIndex;
                v0 = source[from];
                v1 = source[from + 1];
                v2 = source[from + 2];
            }
        }

        float r = ((float)k.A0 * v0) + (float)k.B0, gr = ((float)k.A1 * v1) + (float)k.B1, b = ((float)k.A2 * v2) + (float)k.B2;
        for (int i = settings.HsvFirst; i < settings.HsvEnd; i++)
        {
            ColorMath.AdjustHsv((ColorOp)ops[i], p, ref r, ref gr, ref b);
        }

        scratch[at] = r;
        scratch[at + 1] = gr;
        scratch[at + 2] = b;
    }

    /// <summary>Writes one output value: geometry (or the scratch image), coefficients, layout.</summary>
    public static void Write(
        Index1D index, ArrayView<byte> source, ArrayView<float> scratch, ArrayView<AugmentationParameters> parameters,
        ArrayView<int> ops, ArrayView<ColorCoefficients> coefficients, ArrayView<float> destination, KernelSettings settings)
    {
        var g = settings.Geometry;
        int channels = g.Channels;
        int image = index / settings.OutputLength, offset = index - (image * settings.OutputLength);
        int y, x, c;
        if (settings.Nchw != 0)
        {
            int pixels = g.OutPixels;
            c = offset / pixels;
            int pixel = offset - (c * pixels);
            y = pixel / g.OutWidth;
            x = pixel - (y * g.OutWidth);
        }
        else
        {
            int pixel = offset / channels;
            c = offset - (pixel * channels);
            y = pixel / g.OutWidth;
            x = pixel - (y * g.OutWidth);
        }

        var p = parameters[image];
        double a, b;
        if (settings.ComposeInline != 0)
        {
            // One channel's composition, for the one value this thread writes.
            a = settings.Materialized != 0 ? 1 : ColorMath.UInt8Scale;
            b = 0;
            for (int i = settings.AffineFirst; i < settings.AffineEnd; i++)
            {
                ColorMath.ComposeChannel(ref a, ref b, c, (ColorOp)ops[i], p, settings.Normalization);
            }
        }
        else
        {
            var k = coefficients[image];
            (a, b) = (k.A(c), k.B(c));
        }

        float value = 0;
        if (settings.Materialized != 0)
        {
            value = scratch[((long)image * settings.OutputLength) + ((((y * g.OutWidth) + x) * channels) + c)];
        }
        else
        {
            int sourceIndex = g.SourceIndex(y, x, c, p);
            if (sourceIndex >= 0)
            {
                value = source[((long)image * settings.InputLength) + sourceIndex];
            }
        }

        destination[index] = ((float)a * value) + (float)b;
    }

    /// <summary>
    /// Resamples one value of a decoded image's region into the scratch image (HWC, on the [0, 1] scale), flips
    /// applied: the CPU path's weights (<see cref="ResizeAxis"/>), summed in its order (rows, then columns).
    /// </summary>
    public static void Resize(
        Index1D index, ArrayView<byte> source, ArrayView<DecodedEntry> entries, ArrayView<AugmentationParameters> parameters,
        ArrayView<float> scratch, KernelSettings settings)
    {
        var g = settings.Geometry;
        int channels = g.Channels;
        int image = index / settings.OutputLength, offset = index - (image * settings.OutputLength);
        int pixel = offset / channels, c = offset - (pixel * channels);
        int y = pixel / g.OutWidth, x = pixel - (y * g.OutWidth);
        var p = parameters[image];
        var entry = entries[image];
        int row = p.FlipUpDown != 0 ? g.OutHeight - 1 - y : y, column = p.FlipLeftRight != 0 ? g.OutWidth - 1 - x : x;
        int firstRow = entry.Rows.First(row), rows = entry.Rows.Count(row);
        int firstColumn = entry.Columns.First(column), columns = entry.Columns.Count(column);
        float rowScale = entry.Rows.WeightScale(row), columnScale = entry.Columns.WeightScale(column);
        float sum = 0;
        for (int kx = 0; kx < columns; kx++)
        {
            float vertical = 0;
            long at = entry.Offset + ((((long)firstRow * entry.Width) + firstColumn + kx) * channels) + c;
            for (int ky = 0; ky < rows; ky++)
            {
                float weight = entry.Rows.Weight(row, ky) * rowScale;
                if (weight != 0)
                {
                    vertical += source[at + ((long)ky * entry.Width * channels)] * weight;
                }
            }

            sum += vertical * (entry.Columns.Weight(column, kx) * columnScale);
        }

        scratch[index] = sum * (float)ColorMath.UInt8Scale;
    }

    private static ColorCoefficients Coefficients(
        int image, in AugmentationParameters p, ArrayView<int> ops, ArrayView<ColorCoefficients> coefficients, in KernelSettings settings) =>
        settings.ComposeInline != 0 ? Compose(p, ops, default, settings) : coefficients[image];

    private static ColorCoefficients Compose(in AugmentationParameters p, ArrayView<int> ops, in ChannelMoments moments, in KernelSettings settings)
    {
        var k = ColorCoefficients.Uniform(settings.Materialized != 0 ? 1 : ColorMath.UInt8Scale, 0);
        for (int i = settings.AffineFirst; i < settings.AffineEnd; i++)
        {
            ColorMath.Compose(ref k, (ColorOp)ops[i], p, moments, settings.Geometry.Channels, settings.Normalization);
        }

        return k;
    }

    // The same sums as the CPU path, in the same order: exact integers for the source.
    private static ChannelMoments SourceMoments(ArrayView<byte> source, long start, ImageGeometry g, AugmentationParameters p)
    {
        var moments = default(ChannelMoments);
        moments.Pixels = g.OutPixels;
        int top = p.CropTop - g.Padding, left = p.CropLeft - g.Padding;
        int rowStart = top > 0 ? top : 0, rowEnd = top + g.OutHeight < g.InHeight ? top + g.OutHeight : g.InHeight;
        int columnStart = left > 0 ? left : 0, columnEnd = left + g.OutWidth < g.InWidth ? left + g.OutWidth : g.InWidth;
        for (int c = 0; c < g.Channels; c++)
        {
            long sum = 0, squares = 0;
            for (int sy = rowStart; sy < rowEnd; sy++)
            {
                for (int sx = columnStart; sx < columnEnd; sx++)
                {
                    int v = source[start + (((sy * g.InWidth) + sx) * g.Channels) + c];
                    sum += v;
                    squares += v * v;
                }
            }

            moments.Add(c, sum, squares);
        }

        return moments;
    }

    private static ChannelMoments ScratchMoments(ArrayView<float> scratch, long start, ImageGeometry g)
    {
        var moments = default(ChannelMoments);
        moments.Pixels = g.OutPixels;
        int length = g.OutPixels * g.Channels;
        for (int c = 0; c < g.Channels; c++)
        {
            double sum = 0, squares = 0;
            for (int i = c; i < length; i += g.Channels)
            {
                double v = scratch[start + i];
                sum += v;
                squares += v * v;
            }

            moments.Add(c, sum, squares);
        }

        return moments;
    }
}
