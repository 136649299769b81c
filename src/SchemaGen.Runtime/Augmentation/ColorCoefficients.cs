namespace SchemaGen;

/// <summary>
/// A per-channel affine map <c>y = A[c] * x + B[c]</c> (up to 4 channels): brightness, contrast, standardization
/// and normalization all compose into one, so a chain of them costs one multiply-add per value. Plain fields and
/// switches rather than arrays, so the ILGPU kernels run this same code.
/// </summary>
internal struct ColorCoefficients
{
    public double A0, A1, A2, A3;
    public double B0, B1, B2, B3;

    public static ColorCoefficients Uniform(double a, double b) => new()
    {
        A0 = a, A1 = a, A2 = a, A3 = a,
        B0 = b, B1 = b, B2 = b, B3 = b,
    };

    public readonly double A(int channel) => channel switch { 0 => A0, 1 => A1, 2 => A2, _ => A3 };

    public readonly double B(int channel) => channel switch { 0 => B0, 1 => B1, 2 => B2, _ => B3 };

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
