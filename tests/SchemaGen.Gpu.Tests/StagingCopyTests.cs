namespace SchemaGen.Gpu.Tests;

/// <summary>The non-temporal staging copy writes exactly the source's bytes, whatever the length and alignment.</summary>
public sealed class StagingCopyTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(65_535)]
    [InlineData(65_536)]
    [InlineData(65_537)]
    [InlineData(128 * 3072)]
    [InlineData((128 * 3072) + 77)]
    public void Copies_every_byte_and_nothing_past_the_end(int length)
    {
        var random = new Random(length);
        var source = new byte[length + 64];
        random.NextBytes(source);
        var destination = new byte[length + 128];
        for (int offset = 0; offset < 40; offset += 3)
        {
            Array.Fill(destination, (byte)0xA5);
            int from = offset % 7;
            StagingCopy.Copy(source.AsSpan(from, length), destination.AsSpan(offset));
            Assert.True(destination.AsSpan(offset, length).SequenceEqual(source.AsSpan(from, length)), $"offset {offset}");
            Assert.All(destination[..offset], value => Assert.Equal(0xA5, value));
            Assert.All(destination[(offset + length)..], value => Assert.Equal(0xA5, value));
        }
    }
}
