using SchemaGen.Conversion.Images;

namespace SchemaGen.Conversion.Tests;

public sealed class PlanarInterleaveTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(47)]
    [InlineData(63)]
    [InlineData(1024)]
    [InlineData(1027)]
    public void Every_pixel_gets_its_three_plane_values_in_order(int pixels)
    {
        var random = new Random(pixels);
        byte[] r = new byte[pixels], g = new byte[pixels], b = new byte[pixels];
        random.NextBytes(r);
        random.NextBytes(g);
        random.NextBytes(b);
        var destination = new byte[pixels * 3 + 5];
        destination.AsSpan().Fill(0xEE);

        PlanarInterleave.Interleave(r, g, b, destination);

        for (int i = 0; i < pixels; i++)
        {
            Assert.Equal((r[i], g[i], b[i]), (destination[3 * i], destination[3 * i + 1], destination[3 * i + 2]));
        }

        Assert.All(destination[(pixels * 3)..], value => Assert.Equal(0xEE, value));
    }
}
