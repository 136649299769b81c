using System.Runtime.InteropServices;

namespace SchemaGen.Augmentation;

/// <summary>
/// The random choices of one image, drawn on the host by <see cref="ImageAugmentation.DrawParameters"/> from the
/// pipeline's seed, the epoch and the image's index within the epoch. The CPU and GPU paths (and a user's own
/// kernel) read the same values, which is why their results agree. Ops the pipeline lacks get neutral values.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct AugmentationParameters
{
    /// <summary>The crop's first row in the zero-padded image (0 without a crop).</summary>
    public int CropTop;

    /// <summary>The crop's first column in the zero-padded image (0 without a crop).</summary>
    public int CropLeft;

    /// <summary>1 to mirror the columns, else 0.</summary>
    public int FlipLeftRight;

    /// <summary>1 to mirror the rows, else 0.</summary>
    public int FlipUpDown;

    /// <summary>Added to every value (0 when neutral).</summary>
    public float BrightnessDelta;

    /// <summary>The contrast factor (1 when neutral).</summary>
    public float ContrastFactor;

    /// <summary>The saturation factor (1 when neutral).</summary>
    public float SaturationFactor;

    /// <summary>Added to the hue, in turns (0 when neutral).</summary>
    public float HueDelta;
}
