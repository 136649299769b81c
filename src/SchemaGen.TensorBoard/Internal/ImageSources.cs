using SchemaGen.Augmentation;

namespace SchemaGen.TensorBoard.Internal;

/// <summary>Turns the batches SchemaGen produces into uint8 HWC images for PNG encoding.</summary>
internal static class ImageSources
{
    /// <summary>The first <paramref name="count"/> images of a float batch, as <c>tf.image.convert_image_dtype</c>
    /// with <c>saturate=True</c> makes uint8 of floats in [0, 1]: <c>x * 255.5</c>, truncated, clamped to [0, 255].</summary>
    public static List<HwcImage> FromTensor(ImageTensor tensor, int count)
    {
        var shape = tensor.Shape;
        var images = new List<HwcImage>(count);
        ReadOnlySpan<float> values = tensor.Span;
        for (int n = 0; n < count; n++)
        {
            var pixels = new byte[shape.Length];
            var image = values.Slice(n * shape.Length, shape.Length);
            for (int y = 0; y < shape.Height; y++)
            {
                for (int x = 0; x < shape.Width; x++)
                {
                    for (int c = 0; c < shape.Channels; c++)
                    {
                        float v = tensor.Layout == TensorLayout.Nhwc
                            ? image[(((y * shape.Width) + x) * shape.Channels) + c]
                            : image[(((c * shape.Height) + y) * shape.Width) + x];
                        pixels[(((y * shape.Width) + x) * shape.Channels) + c] = ToByte(v);
                    }
                }
            }

            images.Add(new HwcImage(pixels, shape.Height, shape.Width, shape.Channels));
        }

        return images;
    }

    public static List<HwcImage> FromDecoded(DecodedImageBatch batch, int count)
    {
        var images = new List<HwcImage>(count);
        for (int i = 0; i < count; i++)
        {
            var image = batch.Images[i];
            images.Add(new HwcImage(batch.GetPixels(i).ToArray(), image.Height, image.Width, batch.Channels));
        }

        return images;
    }

    public static List<HwcImage> FromPixels(ReadOnlySpan<byte> pixels, ImageShape shape, int count)
    {
        if (pixels.Length < (long)count * shape.Length)
        {
            throw new ArgumentException($"{count} images of shape {shape} need {(long)count * shape.Length} bytes; {pixels.Length} were given.", nameof(pixels));
        }

        var images = new List<HwcImage>(count);
        for (int i = 0; i < count; i++)
        {
            images.Add(new HwcImage(pixels.Slice(i * shape.Length, shape.Length).ToArray(), shape.Height, shape.Width, shape.Channels));
        }

        return images;
    }

    // NaN saturates to 0, as a float-to-integer cast on x86 leaves it to the clamp.
    private static byte ToByte(float v)
    {
        float scaled = v * 255.5f;
        return scaled >= 255f ? (byte)255 : scaled > 0f ? (byte)scaled : (byte)0;
    }
}
