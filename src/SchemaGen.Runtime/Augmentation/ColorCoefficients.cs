using System.Runtime.InteropServices;

namespace SchemaGen.Augmentation;

/// <summary>
/// A per-channel affine map <c>y = A[c] * x + B[c]</c> (up to 4 channels): brightness, contrast, standardization
/// and normalization all compose into one, so a chain of them costs one multiply-add per value. Plain fields and
/// switches rather than arrays, so device kernels (<c>SchemaGen.Gpu</c>'s ILGPU ones) run this same code.
/// </summary>
/// <remarks>Sequential fields, as <see cref="AugmentationParameters"/>: device buffers hold it as it is laid out here.</remarks>
[StructLayout(LayoutKind.Sequential)]
public struct ColorCoefficients
{
    /// <summary>The scale of channel 0.</summary>
    public double A0;

    /// <summary>The scale of channel 1.</summary>
    public double A1;

    /// <summary>The scale of channel 2.</summary>
    public double A2;

    /// <summary>The scale of channel 3.</summary>
    public double A3;

    /// <summary>The offset of channel 0.</summary>
    public double B0;

    /// <summary>The offset of channel 1.</summary>
    public double B1;

    /// <summary>The offset of channel 2.</summary>
    public double B2;

    /// <summary>The offset of channel 3.</summary>
    public double B3;

    /// <summary>The same map on every channel.</summary>
    /// <param name="a">The scale.</param>
    /// <param name="b">The offset.</param>
    /// <returns><c>y = a * x + b</c> on all four channels.</returns>
    public static ColorCoefficients Uniform(double a, double b) => new()
    {
        A0 = a, A1 = a, A2 = a, A3 = a,
        B0 = b, B1 = b, B2 = b, B3 = b,
    };

    /// <summary>The scale of a channel.</summary>
    /// <param name="channel">0 to 3.</param>
    /// <returns>A[channel].</returns>
    public readonly double A(int channel) => channel switch { 0 => A0, 1 => A1, 2 => A2, _ => A3 };

    /// <summary>The offset of a channel.</summary>
    /// <param name="channel">0 to 3.</param>
    /// <returns>B[channel].</returns>
    public readonly double B(int channel) => channel switch { 0 => B0, 1 => B1, 2 => B2, _ => B3 };

    /// <summary>Replaces a channel's map.</summary>
    /// <param name="channel">0 to 3.</param>
    /// <param name="a">The scale.</param>
    /// <param name="b">The offset.</param>
    public void Set(int channel, double a, double b)
    {
        switch (channel)
        {
            case 0: A0 = a; B0 = b; break;
            case 1: A1 = a; B1 = b; break;
            case 2: A2 = a; B2 = b; break;
            default: A3 = a; B3 = b; break;
        }
    }
}
