namespace SchemaGen.Augmentation;

/// <summary>
/// The value ops, shared by the CPU path and device augmenters such as <c>SchemaGen.Gpu</c>'s ILGPU kernels (no
/// arrays, spans, allocations or throws, so a kernel compiler can take them), so every path computes the same numbers.
/// Coefficients are composed in double; pixels are mapped in float.
/// </summary>
/// <remarks>
/// Per image: start from <c>ColorCoefficients.Uniform(UInt8Scale, 0)</c> (uint8 to [0, 1]), <see cref="Compose"/> each
/// op of <see cref="ImageAugmentation.ColorOps"/> until an HSV op (<see cref="IsHsv"/>), map the pixels through the
/// coefficients, apply the HSV ops with <see cref="AdjustHsv"/>, then go on composing from
/// <c>ColorCoefficients.Uniform(1, 0)</c> over the values so far.
/// <code>
/// var k = ColorCoefficients.Uniform(ColorMath.UInt8Scale, 0);
/// foreach (ColorOp op in augmentation.ColorOps) // no HSV op in this pipeline
/// {
///     ColorMath.Compose(ref k, op, parameters, moments, channels: 3, augmentation.Normalization());
/// }
/// float value = (float)((k.A(c) * source) + k.B(c));
/// </code>
/// </remarks>
public static class ColorMath
{
    /// <summary>uint8 to [0, 1] as tf.image.convert_image_dtype does: <c>v * (1 / 255)</c>.</summary>
    public const double UInt8Scale = 1.0 / 255;

    /// <summary>Whether <paramref name="op"/> reads the image's statistics (so the moments must be current).</summary>
    /// <param name="op">The op.</param>
    /// <returns>True for contrast and standardization.</returns>
    public static bool NeedsMoments(ColorOp op) => op is ColorOp.Contrast or ColorOp.Standardization;

    /// <summary>Whether <paramref name="op"/> works in HSV, so it cannot fold into the affine map.</summary>
    /// <param name="op">The op.</param>
    /// <returns>True for hue and saturation.</returns>
    public static bool IsHsv(ColorOp op) => op is ColorOp.Hue or ColorOp.Saturation;

    /// <summary>
    /// Composes an affine op after <paramref name="k"/>. <paramref name="moments"/> are those of the values
    /// <paramref name="k"/> applies to; <paramref name="normalization"/> is the pipeline's (x - mean) / std.
    /// </summary>
    /// <param name="k">The map so far, composed in place.</param>
    /// <param name="op">An affine op (not <see cref="IsHsv">HSV</see>; those leave <paramref name="k"/> as it is).</param>
    /// <param name="p">The image's random choices.</param>
    /// <param name="moments">The statistics of the values <paramref name="k"/> applies to (read by contrast and standardization only).</param>
    /// <param name="channels">The image's channels, 1 to 4.</param>
    /// <param name="normalization">The pipeline's <see cref="ImageAugmentation.Normalization"/>.</param>
    public static void Compose(
        ref ColorCoefficients k, ColorOp op, in AugmentationParameters p, in ChannelMoments moments, int channels, in ColorCoefficients normalization)
    {
        switch (op)
        {
            case ColorOp.Brightness:
            case ColorOp.Normalize:
                for (int c = 0; c < channels; c++)
                {
                    double a = k.A(c), b = k.B(c);
                    ComposeChannel(ref a, ref b, c, op, p, normalization);
                    k.Set(c, a, b);
                }

                break;
            case ColorOp.Contrast:
                // tf.image.adjust_contrast: (x - mean) * f + mean, the mean per channel over the image.
                double f = p.ContrastFactor;
                for (int c = 0; c < channels; c++)
                {
                    double mean = (k.A(c) * moments.Sum(c) / moments.Pixels) + k.B(c);
                    k.Set(c, k.A(c) * f, (k.B(c) * f) + ((1 - f) * mean));
                }

                break;
            case ColorOp.Standardization:
                // tf.image.per_image_standardization: (x - mean) / max(std, 1 / sqrt(N)) over all N values.
                double sum = 0, squares = 0;
                for (int c = 0; c < channels; c++)
                {
                    double a = k.A(c), b = k.B(c), m = moments.Sum(c) / moments.Pixels, q = moments.Squares(c) / moments.Pixels;
                    sum += (a * m) + b;
                    squares += (a * a * q) + (2 * a * b * m) + (b * b);
                }

                double mean2 = sum / channels;
                double variance = (squares / channels) - (mean2 * mean2);
                double std = variance > 0 ? Math.Sqrt(variance) : 0;
                double least = 1 / Math.Sqrt(moments.Pixels * channels);
                double scale = 1 / (std > least ? std : least);
                for (int c = 0; c < channels; c++)
                {
                    k.Set(c, k.A(c) * scale, (k.B(c) - mean2) * scale);
                }

                break;
        }
    }

    /// <summary>
    /// <see cref="Compose"/> for one channel's <c>y = a * x + b</c> and an op that reads no statistics (brightness,
    /// normalization): what a kernel thread writing one value of that channel needs.
    /// </summary>
    /// <param name="a">The channel's scale so far, composed in place.</param>
    /// <param name="b">The channel's offset so far, composed in place.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="op">Brightness or normalize (any other op leaves the map as it is).</param>
    /// <param name="p">The image's random choices.</param>
    /// <param name="normalization">The pipeline's <see cref="ImageAugmentation.Normalization"/>.</param>
    public static void ComposeChannel(ref double a, ref double b, int channel, ColorOp op, in AugmentationParameters p, in ColorCoefficients normalization)
    {
        if (op == ColorOp.Brightness)
        {
            b += p.BrightnessDelta;
        }
        else if (op == ColorOp.Normalize)
        {
            double scale = normalization.A(channel);
            a *= scale;
            b = (b * scale) + normalization.B(channel);
        }
    }

    /// <summary>Applies an HSV op to one RGB pixel (tf.image.adjust_hue / adjust_saturation on float images).</summary>
    /// <param name="op">Hue or saturation (any other op is taken as saturation).</param>
    /// <param name="p">The image's random choices.</param>
    /// <param name="r">The red value, replaced.</param>
    /// <param name="g">The green value, replaced.</param>
    /// <param name="b">The blue value, replaced.</param>
    public static void AdjustHsv(ColorOp op, in AugmentationParameters p, ref float r, ref float g, ref float b)
    {
        RgbToHsv(r, g, b, out float h, out float s, out float v);
        if (op == ColorOp.Hue)
        {
            h += p.HueDelta;
            h = h >= 1 ? h - 1 : h < 0 ? h + 1 : h;
            if (h >= 1)
            {
                h = 0; // 1 + h rounded up to 1 for a tiny negative h
            }
        }
        else
        {
            s *= p.SaturationFactor;
            s = s < 0 ? 0 : s > 1 ? 1 : s;
        }

        HsvToRgb(h, s, v, out r, out g, out b);
    }

    // TensorFlow's adjust_hue_op.cc helpers, hue in turns [0, 1).
    private static void RgbToHsv(float r, float g, float b, out float h, out float s, out float v)
    {
        float max = r > g ? r : g;
        max = max > b ? max : b;
        float min = r < g ? r : g;
        min = min < b ? min : b;
        float range = max - min;
        v = max;
        s = max > 0 ? range / max : 0;
        if (range <= 0)
        {
            h = 0;
            return;
        }

        float norm = 1f / (6f * range);
        h = r == max ? norm * (g - b) : g == max ? (norm * (b - r)) + (2f / 6f) : (norm * (r - g)) + (4f / 6f);
        if (h < 0)
        {
            h += 1;
        }
    }

    private static void HsvToRgb(float h, float s, float v, out float r, out float g, out float b)
    {
        float c = s * v;
        float m = v - c;
        float dh = h * 6;
        int sector = (int)dh;
        float mod2 = dh - (2 * (int)(dh * 0.5f));
        float distance = mod2 - 1;
        float x = c * (1 - (distance < 0 ? -distance : distance));
        // Sectors as assignments, not a tuple switch: this code is also compiled into ILGPU kernels.
        r = 0;
        g = 0;
        b = 0;
        if (sector == 0) { r = c; g = x; }
        else if (sector == 1) { r = x; g = c; }
        else if (sector == 2) { g = c; b = x; }
        else if (sector == 3) { g = x; b = c; }
        else if (sector == 4) { r = x; b = c; }
        else if (sector == 5) { r = c; b = x; }
        else { m = 0; }

        r += m;
        g += m;
        b += m;
    }
}
