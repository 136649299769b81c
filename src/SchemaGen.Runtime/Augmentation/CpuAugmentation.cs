using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SchemaGen.Augmentation;

/// <summary>
/// The CPU path of <see cref="ImageAugmentation"/>: per image, the value ops fold into a per-channel multiply-add
/// (<see cref="ColorCoefficients"/>), and one pass reads the uint8 source through the crop and flips and writes the
/// float destination in its layout (AVX2: 8 bytes widened per step in NHWC, gathers in NCHW). Images run in parallel.
/// </summary>
internal static unsafe class CpuAugmentation
{
    // Per-channel coefficients repeat every lcm(channels, 8) floats: 8, or 24 for RGB.
    public const int PatternLength = 24;

    private static readonly Vector128<byte>[] RgbMasks = Masks(mirrored: false);
    private static readonly Vector128<byte>[] MirroredRgbMasks = Masks(mirrored: true);

    // Rows up to this many floats are mirrored on the stack.
    private const int StackRow = 1024;

    /// <summary>Floats of per-thread scratch the pipeline needs: the HSV image, and a long row for NHWC flips.</summary>
    public static int ScratchLength(ImageAugmentation plan, ImageShape output)
    {
        bool hsv = plan.HasHsvOps;
        int row = output.Width * output.Channels;
        return (hsv ? output.Length : 0) + (plan.Layout == TensorLayout.Nhwc && row > StackRow ? row : 0);
    }

    public static void Run(
        ImageAugmentation plan, ReadOnlySpan<byte> images, ImageShape input, ImageShape output,
        ReadOnlySpan<AugmentationParameters> parameters, Span<float> destination, int maxDegreeOfParallelism, float[]? scratch = null)
    {
        var geometry = new ImageGeometry(input, output.Height, output.Width, plan.CropPadding);
        var normalization = plan.Normalization();
        int count = parameters.Length;
        if (maxDegreeOfParallelism == 1 || count < 2)
        {
            scratch ??= ScratchLength(plan, output) is > 0 and int length ? new float[length] : [];
            for (int i = 0; i < count; i++)
            {
                AugmentImage(plan, geometry, normalization, images.Slice(i * input.Length, input.Length), parameters[i], destination.Slice(i * output.Length, output.Length), scratch);
            }

            return;
        }

        RunParallel(plan, geometry, normalization, images, input, output, parameters, destination, maxDegreeOfParallelism);
    }

    // Apart from Run: a lambda's captures are allocated on entry to the scope that declares them, which would cost
    // the single-threaded path (the dataset workers') an allocation per batch.
    private static void RunParallel(
        ImageAugmentation plan, ImageGeometry geometry, ColorCoefficients normalization, ReadOnlySpan<byte> images, ImageShape input, ImageShape output,
        ReadOnlySpan<AugmentationParameters> parameters, Span<float> destination, int maxDegreeOfParallelism)
    {
        int count = parameters.Length;
        fixed (byte* sourcePointer = images)
        fixed (AugmentationParameters* parameterPointer = parameters)
        fixed (float* destinationPointer = destination)
        {
            nint source = (nint)sourcePointer, choices = (nint)parameterPointer, target = (nint)destinationPointer;
            Parallel.For(
                0,
                count,
                new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
                () => new float[ScratchLength(plan, output)],
                (i, _, local) =>
                {
                    AugmentImage(
                        plan,
                        geometry,
                        normalization,
                        new ReadOnlySpan<byte>((byte*)source + ((long)i * input.Length), input.Length),
                        ((AugmentationParameters*)choices)[i],
                        new Span<float>((float*)target + ((long)i * output.Length), output.Length),
                        local);
                    return local;
                },
                static _ => { });
        }
    }

    private static void AugmentImage(
        ImageAugmentation plan, in ImageGeometry g, in ColorCoefficients normalization, ReadOnlySpan<byte> source,
        in AugmentationParameters p, Span<float> destination, float[] scratch)
    {
        int channels = g.Channels;
        var k = ColorCoefficients.Uniform(ColorMath.UInt8Scale, 0);
        var moments = default(ChannelMoments);
        bool materialized = false, haveMoments = false;
        var ops = plan.ColorOps;
        bool materializes = plan.HasHsvOps;
        var image = materializes ? scratch.AsSpan(0, g.OutPixels * channels) : default;
        for (int i = 0; i < ops.Length; i++)
        {
            if (ColorMath.IsHsv(ops[i]))
            {
                // HSV is not affine: apply what came before and the run of HSV ops in one pass into the scratch image.
                int end = i + 1;
                while (end < ops.Length && ColorMath.IsHsv(ops[end]))
                {
                    end++;
                }

                Materialize(g, source, materialized, image, k, ops[i..end], p);
                (k, materialized, haveMoments) = (ColorCoefficients.Uniform(1, 0), true, false);
                i = end - 1;
                continue;
            }

            if (ColorMath.NeedsMoments(ops[i]) && !haveMoments)
            {
                moments = materialized ? Moments(image, channels) : SourceMoments(g, source, p);
                haveMoments = true;
            }

            ColorMath.Compose(ref k, ops[i], p, moments, channels, normalization);
        }

        float* a = stackalloc float[PatternLength];
        float* b = stackalloc float[PatternLength];
        for (int j = 0; j < PatternLength; j++)
        {
            a[j] = (float)k.A(j % channels);
            b[j] = (float)k.B(j % channels);
        }

        if (materialized)
        {
            WriteFromImage(g, image, a, b, plan.Layout, destination);
        }
        else if (plan.Layout == TensorLayout.Nhwc)
        {
            int rowLength = g.OutWidth * channels;
            WriteNhwc(g, source, p, a, b, destination, rowLength <= StackRow ? stackalloc float[rowLength] : scratch.AsSpan(image.Length, rowLength));
        }
        else if (channels == 3 && Avx2.IsSupported)
        {
            WriteNchwRgb(g, source, p, a, b, destination);
        }
        else
        {
            WriteNchw(g, source, p, a, b, destination);
        }
    }

    // The columns [first, end) of the crop that fall inside the source image (the rest is padding).
    private static (int First, int End) SourceColumns(in ImageGeometry g, in AugmentationParameters p)
    {
        int first = Math.Max(0, g.Padding - p.CropLeft);
        int end = Math.Min(g.OutWidth, g.Padding - p.CropLeft + g.InWidth);
        return (first, Math.Max(first, end));
    }

    private static void WriteNhwc(in ImageGeometry g, ReadOnlySpan<byte> source, in AugmentationParameters p, float* a, float* b, Span<float> destination, Span<float> row)
    {
        int channels = g.Channels, rowLength = g.OutWidth * channels;
        var (first, end) = SourceColumns(g, p);
        int sourceStart = (first + p.CropLeft - g.Padding) * channels, length = (end - first) * channels;
        for (int y = 0; y < g.OutHeight; y++)
        {
            var target = destination.Slice(y * rowLength, rowLength);
            int sy = g.SourceRow(y, p);
            if ((uint)sy >= (uint)g.InHeight || length == 0)
            {
                FillPixels(target, b);
                continue;
            }

            var pixels = source.Slice((sy * g.InWidth * channels) + sourceStart, length);
            if (p.FlipLeftRight == 0)
            {
                FillPixels(target[..(first * channels)], b);
                MultiplyAdd(pixels, target.Slice(first * channels, length), a, b, channels);
                FillPixels(target[(end * channels)..], b);
                continue;
            }

            // Mirrored: convert in source order, then lay the pixels down right to left.
            MultiplyAdd(pixels, row, a, b, channels);
            FillPixels(target[..((g.OutWidth - end) * channels)], b);
            for (int cx = first; cx < end; cx++)
            {
                row.Slice((cx - first) * channels, channels).CopyTo(target.Slice((g.OutWidth - 1 - cx) * channels, channels));
            }

            FillPixels(target[((g.OutWidth - first) * channels)..], b);
        }
    }

    private static void WriteNchw(in ImageGeometry g, ReadOnlySpan<byte> source, in AugmentationParameters p, float* a, float* b, Span<float> destination)
    {
        int channels = g.Channels, plane = g.OutPixels;
        var (first, end) = SourceColumns(g, p);
        bool flip = p.FlipLeftRight != 0;

        // Output columns [x0, x1) read the source; x0 reads column sx0, and each next one steps by +-1 pixel.
        int x0 = flip ? g.OutWidth - end : first, x1 = flip ? g.OutWidth - first : end;
        int sx0 = (flip ? end - 1 : first) + p.CropLeft - g.Padding, step = flip ? -channels : channels;
        fixed (byte* sourcePointer = source)
        {
            for (int c = 0; c < channels; c++)
            {
                float ac = a[c], bc = b[c];
                for (int y = 0; y < g.OutHeight; y++)
                {
                    var target = destination.Slice((c * plane) + (y * g.OutWidth), g.OutWidth);
                    int sy = g.SourceRow(y, p);
                    if ((uint)sy >= (uint)g.InHeight || x1 <= x0)
                    {
                        target.Fill(bc);
                        continue;
                    }

                    target[..x0].Fill(bc);
                    target[x1..].Fill(bc);
                    int index = (((sy * g.InWidth) + sx0) * channels) + c;
                    int x = x0;
                    if (Avx2.IsSupported)
                    {
                        var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7) * step;
                        var va = Vector256.Create(ac);
                        var vb = Vector256.Create(bc);
                        var low = Vector256.Create(0xFF);
                        fixed (float* targetPointer = target)
                        {
                            // Each gather lane loads 4 bytes at a byte offset: stop while the furthest lane's 4 bytes are inside the image.
                            for (; x + 8 <= x1 && Math.Max(index, index + (7 * step)) + 4 <= source.Length; x += 8, index += 8 * step)
                            {
                                var words = Avx2.GatherVector256((int*)sourcePointer, Vector256.Create(index) + lanes, 1);
                                var values = Avx.ConvertToVector256Single(Avx2.And(words, low));
                                Avx.Store(targetPointer + x, Avx.Add(Avx.Multiply(values, va), vb));
                            }
                        }
                    }

                    for (; x < x1; x++, index += step)
                    {
                        target[x] = (ac * sourcePointer[index]) + bc;
                    }
                }
            }
        }
    }

    // RGB to planes, 16 pixels per step: three byte shuffles per channel split 48 interleaved bytes (mirrored for a
    // flip), then 8 bytes at a time are widened to floats. Gathers would do the same but are slow on many cores.
    private static void WriteNchwRgb(in ImageGeometry g, ReadOnlySpan<byte> source, in AugmentationParameters p, float* a, float* b, Span<float> destination)
    {
        int plane = g.OutPixels, width = g.OutWidth;
        var (first, end) = SourceColumns(g, p);
        bool flip = p.FlipLeftRight != 0;
        int x0 = flip ? width - end : first, x1 = flip ? width - first : end;
        int sx0 = (flip ? end - 1 : first) + p.CropLeft - g.Padding;
        var masks = flip ? MirroredRgbMasks : RgbMasks;
        var (r0, r1, r2, g0, g1, g2, b0, b1, b2) = (masks[0], masks[1], masks[2], masks[3], masks[4], masks[5], masks[6], masks[7], masks[8]);
        float ar = a[0], ag = a[1], ab = a[2], br = b[0], bg = b[1], bb = b[2];
        var (var, vag, vab) = (Vector256.Create(ar), Vector256.Create(ag), Vector256.Create(ab));
        var (vbr, vbg, vbb) = (Vector256.Create(br), Vector256.Create(bg), Vector256.Create(bb));
        fixed (byte* sourcePointer = source)
        fixed (float* targetPointer = destination)
        {
            for (int y = 0; y < g.OutHeight; y++)
            {
                float* red = targetPointer + (y * width), green = red + plane, blue = green + plane;
                int sy = g.SourceRow(y, p);
                if ((uint)sy >= (uint)g.InHeight || x1 <= x0)
                {
                    new Span<float>(red, width).Fill(br);
                    new Span<float>(green, width).Fill(bg);
                    new Span<float>(blue, width).Fill(bb);
                    continue;
                }

                new Span<float>(red, x0).Fill(br);
                new Span<float>(green, x0).Fill(bg);
                new Span<float>(blue, x0).Fill(bb);
                new Span<float>(red + x1, width - x1).Fill(br);
                new Span<float>(green + x1, width - x1).Fill(bg);
                new Span<float>(blue + x1, width - x1).Fill(bb);
                byte* row = sourcePointer + (sy * g.InWidth * 3);
                int x = x0;
                for (; x + 16 <= x1; x += 16)
                {
                    // The chunk's leftmost source pixel; all 16 are inside the row.
                    byte* pixels = row + ((flip ? sx0 - (x - x0) - 15 : sx0 + (x - x0)) * 3);
                    var v0 = Sse2.LoadVector128(pixels);
                    var v1 = Sse2.LoadVector128(pixels + 16);
                    var v2 = Sse2.LoadVector128(pixels + 32);
                    Store16(Sse2.Or(Sse2.Or(Ssse3.Shuffle(v0, r0), Ssse3.Shuffle(v1, r1)), Ssse3.Shuffle(v2, r2)), red + x, var, vbr);
                    Store16(Sse2.Or(Sse2.Or(Ssse3.Shuffle(v0, g0), Ssse3.Shuffle(v1, g1)), Ssse3.Shuffle(v2, g2)), green + x, vag, vbg);
                    Store16(Sse2.Or(Sse2.Or(Ssse3.Shuffle(v0, b0), Ssse3.Shuffle(v1, b1)), Ssse3.Shuffle(v2, b2)), blue + x, vab, vbb);
                }

                for (; x < x1; x++)
                {
                    byte* pixel = row + ((flip ? sx0 - (x - x0) : sx0 + (x - x0)) * 3);
                    red[x] = (ar * pixel[0]) + br;
                    green[x] = (ag * pixel[1]) + bg;
                    blue[x] = (ab * pixel[2]) + bb;
                }
            }
        }
    }

    private static void Store16(Vector128<byte> bytes, float* target, Vector256<float> a, Vector256<float> b)
    {
        var low = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(bytes));
        var high = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(Sse2.ShiftRightLogical128BitLane(bytes, 8)));
        Avx.Store(target, Avx.Add(Avx.Multiply(low, a), b));
        Avx.Store(target + 8, Avx.Add(Avx.Multiply(high, a), b));
    }

    // For channel c and input vector k of 48 RGB bytes: byte p of the result is channel c of pixel p (15 - p mirrored)
    // when that byte lies in vector k, else zero (0x80), so OR-ing the three shuffles gathers the channel.
    private static Vector128<byte>[] Masks(bool mirrored)
    {
        var masks = new Vector128<byte>[9];
        Span<byte> mask = stackalloc byte[16];
        for (int c = 0; c < 3; c++)
        {
            for (int k = 0; k < 3; k++)
            {
                for (int position = 0; position < 16; position++)
                {
                    int index = (3 * (mirrored ? 15 - position : position)) + c;
                    mask[position] = index / 16 == k ? (byte)(index % 16) : (byte)0x80;
                }

                masks[(c * 3) + k] = Vector128.Create((ReadOnlySpan<byte>)mask);
            }
        }

        return masks;
    }

    public static void WriteFromImage(in ImageGeometry g, ReadOnlySpan<float> image, float* a, float* b, TensorLayout layout, Span<float> destination)
    {
        int channels = g.Channels, plane = g.OutPixels;
        for (int pixel = 0; pixel < plane; pixel++)
        {
            for (int c = 0; c < channels; c++)
            {
                float value = (a[c] * image[(pixel * channels) + c]) + b[c];
                destination[layout == TensorLayout.Nhwc ? (pixel * channels) + c : (c * plane) + pixel] = value;
            }
        }
    }

    // Applies the affine map, then the HSV ops, pixel by pixel into the scratch image (in place once materialized).
    private static void Materialize(
        in ImageGeometry g, ReadOnlySpan<byte> source, bool materialized, Span<float> image, in ColorCoefficients k, ReadOnlySpan<ColorOp> ops, in AugmentationParameters p)
    {
        float a0 = (float)k.A0, a1 = (float)k.A1, a2 = (float)k.A2, b0 = (float)k.B0, b1 = (float)k.B1, b2 = (float)k.B2;
        for (int y = 0; y < g.OutHeight; y++)
        {
            for (int x = 0; x < g.OutWidth; x++)
            {
                int at = ((y * g.OutWidth) + x) * 3;
                float v0, v1, v2;
                if (materialized)
                {
                    (v0, v1, v2) = (image[at], image[at + 1], image[at + 2]);
                }
                else
                {
                    int index = g.SourceIndex(y, x, 0, p);
                    (v0, v1, v2) = index < 0 ? (0f, 0f, 0f) : (source[index], source[index + 1], source[index + 2]);
                }

                float r = (a0 * v0) + b0, gr = (a1 * v1) + b1, bl = (a2 * v2) + b2;
                foreach (var op in ops)
                {
                    ColorMath.AdjustHsv(op, p, ref r, ref gr, ref bl);
                }

                (image[at], image[at + 1], image[at + 2]) = (r, gr, bl);
            }
        }
    }

    /// <summary>
    /// Runs the value ops over an image already resized into float scratch (values on the [0, 1] scale): the HSV ops
    /// in place, the affine ones composed. Returns the map still to apply when writing the output.
    /// </summary>
    public static ColorCoefficients ApplyOps(ImageAugmentation plan, in ImageGeometry g, Span<float> image, in AugmentationParameters p, in ColorCoefficients normalization)
    {
        var k = ColorCoefficients.Uniform(1, 0);
        var moments = default(ChannelMoments);
        bool haveMoments = false;
        var ops = plan.ColorOps;
        for (int i = 0; i < ops.Length; i++)
        {
            if (ColorMath.IsHsv(ops[i]))
            {
                int end = i + 1;
                while (end < ops.Length && ColorMath.IsHsv(ops[end]))
                {
                    end++;
                }

                Materialize(g, default, true, image, k, ops[i..end], p);
                (k, haveMoments) = (ColorCoefficients.Uniform(1, 0), false);
                i = end - 1;
                continue;
            }

            if (ColorMath.NeedsMoments(ops[i]) && !haveMoments)
            {
                moments = Moments(image, g.Channels);
                haveMoments = true;
            }

            ColorMath.Compose(ref k, ops[i], p, moments, g.Channels, normalization);
        }

        return k;
    }

    // Exact integer sums of the crop window's source values (padding adds zeros but counts as pixels).
    private static ChannelMoments SourceMoments(in ImageGeometry g, ReadOnlySpan<byte> source, in AugmentationParameters p)
    {
        var moments = new ChannelMoments { Pixels = g.OutPixels };
        int top = Math.Max(0, p.CropTop - g.Padding), bottom = Math.Min(g.InHeight, p.CropTop - g.Padding + g.OutHeight);
        int left = Math.Max(0, p.CropLeft - g.Padding), right = Math.Min(g.InWidth, p.CropLeft - g.Padding + g.OutWidth);
        for (int c = 0; c < g.Channels; c++)
        {
            long sum = 0, squares = 0;
            for (int sy = top; sy < bottom; sy++)
            {
                for (int sx = left; sx < right; sx++)
                {
                    int v = source[(((sy * g.InWidth) + sx) * g.Channels) + c];
                    sum += v;
                    squares += v * v;
                }
            }

            moments.Add(c, sum, squares);
        }

        return moments;
    }

    private static ChannelMoments Moments(ReadOnlySpan<float> image, int channels)
    {
        var moments = new ChannelMoments { Pixels = image.Length / channels };
        for (int c = 0; c < channels; c++)
        {
            double sum = 0, squares = 0;
            for (int i = c; i < image.Length; i += channels)
            {
                double v = image[i];
                sum += v;
                squares += v * v;
            }

            moments.Add(c, sum, squares);
        }

        return moments;
    }

    // Writes whole pixels of padding: the affine map of 0, per channel.
    private static void FillPixels(Span<float> target, float* b)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] = b[i % PatternLength];
        }
    }

    private static void MultiplyAdd(ReadOnlySpan<byte> source, Span<float> target, float* a, float* b, int channels)
    {
        int period = channels == 3 ? 24 : 8;
        int i = 0;
        fixed (byte* s = source)
        fixed (float* t = target)
        {
            if (Avx2.IsSupported)
            {
                for (int j = 0; i + 8 <= source.Length; i += 8, j = j + 8 == period ? 0 : j + 8)
                {
                    var values = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(s + i));
                    Avx.Store(t + i, Avx.Add(Avx.Multiply(values, Avx.LoadVector256(a + j)), Avx.LoadVector256(b + j)));
                }
            }

            for (; i < source.Length; i++)
            {
                t[i] = (a[i % period] * s[i]) + b[i % period];
            }
        }
    }
}
