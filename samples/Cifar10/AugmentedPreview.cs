using SchemaGen.Augmentation;

namespace Cifar10;

/// <summary>An augmented float batch back as uint8 HWC pixels for looking at: the standardization undone.</summary>
public static class AugmentedPreview
{
    public static byte[] ToPixels(ImageTensor images, ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        var shape = images.Shape;
        ReadOnlySpan<float> values = images.Span;
        var pixels = new byte[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            // NHWC: the channel is the fastest axis.
            int c = i % shape.Channels;
            float v = ((values[i] * std[c]) + mean[c]) * 255f;
            pixels[i] = (byte)Math.Clamp(MathF.Round(v), 0, 255);
        }

        return pixels;
    }
}
