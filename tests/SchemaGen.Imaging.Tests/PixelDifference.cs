namespace SchemaGen.Imaging.Tests;

/// <summary>How far two images of the same shape are apart: mean and maximum absolute difference per value.</summary>
internal readonly record struct PixelDifference(double Mean, int Max)
{
    public static PixelDifference Of(ReadOnlySpan<byte> actual, ReadOnlySpan<byte> expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        long sum = 0;
        int max = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            int difference = Math.Abs(actual[i] - expected[i]);
            sum += difference;
            max = Math.Max(max, difference);
        }

        return new PixelDifference(actual.Length == 0 ? 0 : (double)sum / actual.Length, max);
    }
}
