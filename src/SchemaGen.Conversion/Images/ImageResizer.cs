using SchemaGen.Augmentation;

namespace SchemaGen.Conversion.Images;

/// <summary>
/// Resizes HWC RGB uint8 images as <c>tf.image.resize(image, [h, w], method='bilinear', antialias=True)</c> and then
/// <c>tf.cast(tf.round(x), tf.uint8)</c> (rounded half to even, clamped to [0, 255]): the core's
/// <see cref="ResizeAxis"/> weights (half-pixel centres; TensorFlow's <c>scale_and_translate</c> triangle kernel,
/// widened by the scale when shrinking so it low-pass filters, renormalized at the edges), applied separably in
/// float, along the rows first and then down the columns, as <c>scale_and_translate</c> does.
/// </summary>
internal static class ImageResizer
{
    /// <summary>Resizes <paramref name="image"/> to <paramref name="size"/>.</summary>
    public static RgbImage Resize(RgbImage image, ImageSize size)
    {
        int width = image.Width, height = image.Height;
        var (xFirst, xCount, xWeights, xTaps) = Table(width, size.Width);
        var (yFirst, yCount, yWeights, yTaps) = Table(height, size.Height);
        byte[] source = image.Pixels;

        // Along the rows: every source row becomes size.Width pixels, kept in float.
        var rows = new float[checked(height * size.Width * 3)];
        for (int y = 0; y < height; y++)
        {
            int sourceRow = y * width * 3, targetRow = y * size.Width * 3;
            for (int x = 0; x < size.Width; x++)
            {
                float r = 0, g = 0, b = 0;
                for (int k = 0; k < xCount[x]; k++)
                {
                    float weight = xWeights[(x * xTaps) + k];
                    int p = sourceRow + ((xFirst[x] + k) * 3);
                    r += weight * source[p];
                    g += weight * source[p + 1];
                    b += weight * source[p + 2];
                }

                rows[targetRow + (x * 3)] = r;
                rows[targetRow + (x * 3) + 1] = g;
                rows[targetRow + (x * 3) + 2] = b;
            }
        }

        // Down the columns, then rounded to uint8.
        int rowValues = size.Width * 3;
        var output = new byte[checked(size.Height * rowValues)];
        var sum = new float[rowValues];
        for (int y = 0; y < size.Height; y++)
        {
            Array.Clear(sum);
            for (int k = 0; k < yCount[y]; k++)
            {
                float weight = yWeights[(y * yTaps) + k];
                var row = rows.AsSpan((yFirst[y] + k) * rowValues, rowValues);
                for (int i = 0; i < rowValues; i++)
                {
                    sum[i] += weight * row[i];
                }
            }

            var target = output.AsSpan(y * rowValues, rowValues);
            for (int i = 0; i < rowValues; i++)
            {
                target[i] = (byte)Math.Clamp(MathF.Round(sum[i], MidpointRounding.ToEven), 0f, 255f);
            }
        }

        return new RgbImage(size.Width, size.Height, output);
    }

    // Per output pixel: its first source pixel, its number of taps and their normalized weights (taps per pixel apart).
    private static (int[] First, int[] Count, float[] Weights, int Taps) Table(int inputLength, int outputLength)
    {
        var axis = ResizeAxis.Create(0, inputLength, outputLength, 0, inputLength - 1, ResizeMethod.Bilinear, antialias: true);
        var first = new int[outputLength];
        var count = new int[outputLength];
        int taps = 1;
        for (int x = 0; x < outputLength; x++)
        {
            first[x] = axis.First(x);
            count[x] = axis.Count(x);
            taps = Math.Max(taps, count[x]);
        }

        var weights = new float[outputLength * taps];
        for (int x = 0; x < outputLength; x++)
        {
            float scale = axis.WeightScale(x);
            for (int k = 0; k < count[x]; k++)
            {
                weights[(x * taps) + k] = axis.Weight(x, k) * scale;
            }
        }

        return (first, count, weights, taps);
    }
}
