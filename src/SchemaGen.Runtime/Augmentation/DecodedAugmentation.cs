using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SchemaGen.Augmentation;

/// <summary>
/// The CPU path of a pipeline with a sizing op: per image, the region is resampled separably (a vertical pass of
/// whole rows, vectorized, then a horizontal pass per output row) with per-axis weights from <see cref="ResizeAxis"/>
/// computed once per image; the flips mirror the tables, and the value ops fold into the horizontal pass's
/// multiply-add, which writes the float output in its layout. Contrast, standardization, hue and saturation need the
/// whole resized image: it goes to a scratch image first (values on the [0, 1] scale), and the ops run there as the
/// fixed-size path runs them (<see cref="CpuAugmentation"/>'s code, <see cref="ColorMath"/>'s math).
/// </summary>
internal static unsafe class DecodedAugmentation
{
    public static void Run(ImageAugmentation plan, DecodedImageBatch batch, ReadOnlySpan<AugmentationParameters> parameters, ImageTensor output, int maxDegreeOfParallelism)
    {
        var images = batch.Images;
        for (int i = 0; i < images.Length; i++)
        {
            ImageSizing.Validate(images[i], i);
        }

        int length = output.Shape.Length;
        if (maxDegreeOfParallelism == 1 || images.Length < 2)
        {
            for (int i = 0; i < images.Length; i++)
            {
                AugmentImage(plan, batch.Pixels, images[i], batch.Channels, parameters[i], output.Buffer.AsSpan(i * length, length), output.ResizeScratch);
            }

            return;
        }

        RunParallel(plan, batch, output, maxDegreeOfParallelism);
    }

    /// <summary>Fixed-size images (a dataset's uint8 column) through the sizing op: each whole image is the source.</summary>
    public static void RunFixed(
        ImageAugmentation plan, ReadOnlySpan<byte> images, ImageShape input, long epoch, long firstImage, ReadOnlySpan<AugmentationParameters> parameters, ImageTensor output)
    {
        int length = output.Shape.Length;
        for (int i = 0; i < parameters.Length; i++)
        {
            var region = plan.ChooseRegion(input.Height, input.Width, default, epoch, firstImage + i);
            var image = new DecodedImage(i * input.Length, input.Height, input.Width, region);
            AugmentImage(plan, images, image, input.Channels, parameters[i], output.Buffer.AsSpan(i * length, length), output.ResizeScratch);
        }
    }

    // Apart from Run: a lambda's captures are allocated on entry to the scope that declares them.
    private static void RunParallel(ImageAugmentation plan, DecodedImageBatch batch, ImageTensor output, int maxDegreeOfParallelism)
    {
        int length = output.Shape.Length;
        Parallel.For(
            0,
            batch.Count,
            new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            () => new ResizeScratch(),
            (i, _, scratch) =>
            {
                AugmentImage(plan, batch.Pixels, batch.Images[i], batch.Channels, output.ParameterBuffer[i], output.Buffer.AsSpan(i * length, length), scratch);
                return scratch;
            },
            static _ => { });
    }

    public static void AugmentImage(
        ImageAugmentation plan, ReadOnlySpan<byte> pixels, in DecodedImage image, int channels, in AugmentationParameters p, Span<float> destination, ResizeScratch scratch)
    {
        var sizing = plan.Sizing!;
        int outHeight = sizing.Height, outWidth = sizing.Width;
        sizing.Axes(image, out var columns, out var rows);
        var source = pixels.Slice(image.Offset, image.Height * image.Width * channels);
        var ops = plan.ColorOps;
        bool whole = plan.HasHsvOps;
        foreach (var op in ops)
        {
            whole |= ColorMath.NeedsMoments(op);
        }

        var normalization = plan.Normalization();
        float* a = stackalloc float[4];
        float* b = stackalloc float[4];
        if (!whole)
        {
            // Only per-channel affine ops: fold them into the resize's output.
            var k = ColorCoefficients.Uniform(ColorMath.UInt8Scale, 0);
            foreach (var op in ops)
            {
                ColorMath.Compose(ref k, op, p, default, channels, normalization);
            }

            Coefficients(k, channels, a, b);
            Resize(source, image.Width, channels, columns, rows, outHeight, outWidth, p, a, b, plan.Layout, destination, scratch);
            return;
        }

        // The resized image on the [0, 1] scale, then the ops over it as the fixed-size path runs them on its scratch.
        int imageLength = outHeight * outWidth * channels;
        var resized = ResizeScratch.Ensure(ref scratch.Image, imageLength).AsSpan(0, imageLength);
        Coefficients(ColorCoefficients.Uniform(ColorMath.UInt8Scale, 0), channels, a, b);
        Resize(source, image.Width, channels, columns, rows, outHeight, outWidth, p, a, b, TensorLayout.Nhwc, resized, scratch);
        var g = new ImageGeometry(new ImageShape(outHeight, outWidth, channels), outHeight, outWidth, 0);
        var coefficients = CpuAugmentation.ApplyOps(plan, g, resized, p, normalization);
        float* pa = stackalloc float[CpuAugmentation.PatternLength];
        float* pb = stackalloc float[CpuAugmentation.PatternLength];
        for (int j = 0; j < CpuAugmentation.PatternLength; j++)
        {
            pa[j] = (float)coefficients.A(j % channels);
            pb[j] = (float)coefficients.B(j % channels);
        }

        CpuAugmentation.WriteFromImage(g, resized, pa, pb, plan.Layout, destination);
    }

    private static void Coefficients(in ColorCoefficients k, int channels, float* a, float* b)
    {
        for (int c = 0; c < 4; c++)
        {
            a[c] = c < channels ? (float)k.A(c) : 0;
            b[c] = c < channels ? (float)k.B(c) : 0;
        }
    }

    /// <summary>Resamples the region into <c>outHeight x outWidth</c> values mapped by <c>a * v + b</c> per channel, flips and layout applied.</summary>
    private static void Resize(
        ReadOnlySpan<byte> source, int width, int channels, in ResizeAxis columns, in ResizeAxis rows, int outHeight, int outWidth,
        in AugmentationParameters p, float* a, float* b, TensorLayout layout, Span<float> destination, ResizeScratch scratch)
    {
        // Per-axis tables, mirrored for the flips: output x reads what resampled column (outWidth - 1 - x) would.
        int columnTaps = Table(columns, outWidth, p.FlipLeftRight != 0, ref scratch.ColumnFirst, ref scratch.ColumnWeights);
        int rowTaps = Table(rows, outHeight, p.FlipUpDown != 0, ref scratch.RowFirst, ref scratch.RowWeights);
        int low = columns.Low, span = (columns.High - low + 1) * channels;

        // The row holds the region's columns, then zeros that padded taps (weight 0) and 4-float loads may reach.
        int padded = span + ((columnTaps + 2) * channels) + 4;
        var row = ResizeScratch.Ensure(ref scratch.Row, padded);
        row.AsSpan(span, padded - span).Clear();
        int rowLength = width * channels;
        fixed (byte* sourcePointer = source)
        fixed (float* rowPointer = row, target = destination, rowWeights = scratch.RowWeights, columnWeights = scratch.ColumnWeights)
        fixed (int* rowFirst = scratch.RowFirst, columnFirst = scratch.ColumnFirst)
        {
            for (int y = 0; y < outHeight; y++)
            {
                // Vertical pass: the weighted sum of this output row's source rows, over the region's columns.
                float* weights = rowWeights + (y * rowTaps);
                byte* first = sourcePointer + ((rowFirst[y] + rows.Low) * rowLength) + (low * channels);
                bool started = false;
                for (int k = 0; k < rowTaps; k++)
                {
                    if (weights[k] != 0)
                    {
                        AccumulateRow(first + (k * rowLength), rowPointer, span, weights[k], started);
                        started = true;
                    }
                }

                if (!started)
                {
                    new Span<float>(rowPointer, span).Clear();
                }

                // Horizontal pass into the output row, through a * v + b and the layout.
                if (channels == 3)
                {
                    HorizontalRgb(rowPointer, columnFirst, columnWeights, columnTaps, outWidth, a, b, layout, target, y, outHeight);
                }
                else
                {
                    Horizontal(rowPointer, columnFirst, columnWeights, columnTaps, outWidth, channels, a, b, layout, target, y, outHeight);
                }
            }
        }
    }

    // Each output pixel's first source pixel (relative to axis.Low) and its taps' weights, padded to the widest span
    // with zeros. Returns that width.
    private static int Table(in ResizeAxis axis, int outputs, bool mirrored, ref int[] firsts, ref float[] weights)
    {
        int taps = 1;
        for (int x = 0; x < outputs; x++)
        {
            taps = Math.Max(taps, axis.Count(x));
        }

        var first = ResizeScratch.Ensure(ref firsts, outputs);
        var table = ResizeScratch.Ensure(ref weights, outputs * taps);
        for (int i = 0; i < outputs; i++)
        {
            int x = mirrored ? outputs - 1 - i : i;
            int count = axis.Count(x);
            float scale = axis.WeightScale(x);
            first[i] = axis.First(x) - axis.Low;
            for (int k = 0; k < taps; k++)
            {
                table[(i * taps) + k] = k < count ? axis.Weight(x, k) * scale : 0;
            }
        }

        return taps;
    }

    private static void AccumulateRow(byte* source, float* row, int length, float weight, bool add)
    {
        int i = 0;
        if (Avx2.IsSupported)
        {
            var w = Vector256.Create(weight);
            if (add)
            {
                for (; i + 8 <= length; i += 8)
                {
                    Avx.Store(row + i, Avx.LoadVector256(row + i) + (Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(source + i)) * w));
                }
            }
            else
            {
                for (; i + 8 <= length; i += 8)
                {
                    Avx.Store(row + i, Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(source + i)) * w);
                }
            }
        }

        for (; i < length; i++)
        {
            float value = source[i] * weight;
            row[i] = add ? row[i] + value : value;
        }
    }

    private static void HorizontalRgb(
        float* row, int* firsts, float* weights, int taps, int outWidth, float* a, float* b, TensorLayout layout, float* target, int y, int outHeight)
    {
        var va = Vector128.Create(a[0], a[1], a[2], 0);
        var vb = Vector128.Create(b[0], b[1], b[2], 0);
        int plane = outHeight * outWidth;
        float* red = target + (y * outWidth), green = red + plane, blue = green + plane;
        float* pixels = target + (y * outWidth * 3);
        for (int x = 0; x < outWidth; x++)
        {
            float* w = weights + (x * taps);
            float* from = row + (firsts[x] * 3);
            var sum = Vector128.Load(from) * Vector128.Create(w[0]);
            if (taps == 2)
            {
                // Bilinear's two taps, the common case, without the loop.
                sum += Vector128.Load(from + 3) * Vector128.Create(w[1]);
            }
            else
            {
                for (int k = 1; k < taps; k++)
                {
                    sum += Vector128.Load(from + (k * 3)) * Vector128.Create(w[k]);
                }
            }

            var value = (sum * va) + vb;
            if (layout == TensorLayout.Nchw)
            {
                red[x] = value.GetElement(0);
                green[x] = value.GetElement(1);
                blue[x] = value.GetElement(2);
            }
            else if (x + 1 < outWidth)
            {
                // The fourth lane lands on the next pixel's first value, which the next step writes.
                value.Store(pixels + (x * 3));
            }
            else
            {
                pixels[x * 3] = value.GetElement(0);
                pixels[(x * 3) + 1] = value.GetElement(1);
                pixels[(x * 3) + 2] = value.GetElement(2);
            }
        }
    }

    private static void Horizontal(
        float* row, int* firsts, float* weights, int taps, int outWidth, int channels, float* a, float* b, TensorLayout layout, float* target, int y, int outHeight)
    {
        int plane = outHeight * outWidth;
        for (int x = 0; x < outWidth; x++)
        {
            float* w = weights + (x * taps);
            for (int c = 0; c < channels; c++)
            {
                float* from = row + (firsts[x] * channels) + c;
                float sum = 0;
                for (int k = 0; k < taps; k++)
                {
                    sum += from[k * channels] * w[k];
                }

                float value = (sum * a[c]) + b[c];
                target[layout == TensorLayout.Nchw ? (c * plane) + (y * outWidth) + x : (((y * outWidth) + x) * channels) + c] = value;
            }
        }
    }
}
