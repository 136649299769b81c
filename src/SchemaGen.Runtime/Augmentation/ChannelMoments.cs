namespace SchemaGen.Augmentation;

/// <summary>
/// Per-channel sums and sums of squares of an image's values (up to 4 channels), over <see cref="Pixels"/> pixels:
/// what contrast and standardization need (<see cref="ColorMath.Compose"/>). Sums of uint8 sources are exact
/// integers held in doubles.
/// </summary>
public struct ChannelMoments
{
    /// <summary>The sum of channel 0's values.</summary>
    public double Sum0 { get; set; }

    /// <summary>The sum of channel 1's values.</summary>
    public double Sum1 { get; set; }

    /// <summary>The sum of channel 2's values.</summary>
    public double Sum2 { get; set; }

    /// <summary>The sum of channel 3's values.</summary>
    public double Sum3 { get; set; }

    /// <summary>The sum of the squares of channel 0's values.</summary>
    public double Squares0 { get; set; }

    /// <summary>The sum of the squares of channel 1's values.</summary>
    public double Squares1 { get; set; }

    /// <summary>The sum of the squares of channel 2's values.</summary>
    public double Squares2 { get; set; }

    /// <summary>The sum of the squares of channel 3's values.</summary>
    public double Squares3 { get; set; }

    /// <summary>The pixels summed over, padding included (a padded pixel adds zeros).</summary>
    public double Pixels { get; set; }

    /// <summary>The sum of a channel's values.</summary>
    /// <param name="channel">0 to 3.</param>
    /// <returns>The sum.</returns>
    public readonly double Sum(int channel) => channel switch { 0 => Sum0, 1 => Sum1, 2 => Sum2, _ => Sum3 };

    /// <summary>The sum of the squares of a channel's values.</summary>
    /// <param name="channel">0 to 3.</param>
    /// <returns>The sum of squares.</returns>
    public readonly double Squares(int channel) => channel switch { 0 => Squares0, 1 => Squares1, 2 => Squares2, _ => Squares3 };

    /// <summary>Adds to a channel's sums.</summary>
    /// <param name="channel">0 to 3.</param>
    /// <param name="sum">Added to the sum.</param>
    /// <param name="squares">Added to the sum of squares.</param>
    public void Add(int channel, double sum, double squares)
    {
        switch (channel)
        {
            case 0: Sum0 += sum; Squares0 += squares; break;
            case 1: Sum1 += sum; Squares1 += squares; break;
            case 2: Sum2 += sum; Squares2 += squares; break;
            default: Sum3 += sum; Squares3 += squares; break;
        }
    }
}
