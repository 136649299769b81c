namespace SchemaGen;

/// <summary>
/// Per-channel sums and sums of squares of an image's values (up to 4 channels), over <see cref="Pixels"/> pixels:
/// what contrast and standardization need. Sums of uint8 sources are exact integers held in doubles.
/// </summary>
internal struct ChannelMoments
{
    public double Sum0, Sum1, Sum2, Sum3;
    public double Squares0, Squares1, Squares2, Squares3;
    public double Pixels;

    public readonly double Sum(int channel) => channel switch { 0 => Sum0, 1 => Sum1, 2 => Sum2, _ => Sum3 };

    public readonly double Squares(int channel) => channel switch { 0 => Squares0, 1 => Squares1, 2 => Squares2, _ => Squares3 };

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
