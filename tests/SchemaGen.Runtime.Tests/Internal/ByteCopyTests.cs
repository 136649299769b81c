using SchemaGen.Examples;
using SchemaGen.Internal;

namespace SchemaGen.Runtime.Tests.Internal;

/// <summary>The copy behind <see cref="FeatureReader.CopyTo(Span{byte})"/> and generated raw reads: what <see cref="Span{T}.CopyTo"/> does, at every length.</summary>
public class ByteCopyTests
{
    public static TheoryData<int> Lengths =>
    [
        0, 1, 31, 32, 33, 127, 128, 129,
        2047, 2048, 2049, 2050, 2080, 2081, 3072, 3073, 3100, 4095, 4096, 4097,
        16383, 16384, 16385, 20000,
    ];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Copies_every_byte_to_the_start_of_the_destination_and_nothing_past_it(int length)
    {
        for (int offset = 0; offset < 3; offset++)
        {
            byte[] source = RandomBytes(length + offset, seed: length);
            var destination = new byte[length + 40];
            Array.Fill(destination, (byte)0xEE);

            ByteCopy.Copy(source.AsSpan(offset, length), destination.AsSpan(offset));

            Assert.Equal(source[offset..], destination[offset..(offset + length)]);
            Assert.All(destination[..offset], b => Assert.Equal(0xEE, b));
            Assert.All(destination[(offset + length)..], b => Assert.Equal(0xEE, b));
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(3072)]
    public void A_short_destination_is_rejected_before_anything_is_written(int length)
    {
        byte[] source = RandomBytes(length, seed: 1);
        var destination = new byte[length - 1];

        Assert.Throws<ArgumentException>(() => ByteCopy.Copy(source, destination));
        Assert.All(destination, b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData(3072, 7)]
    [InlineData(3072, -7)]
    [InlineData(3072, 100)]
    [InlineData(3072, -100)]
    public void Overlapping_ranges_copy_as_if_through_a_temporary(int length, int shift)
    {
        byte[] buffer = RandomBytes(length + 200, seed: 2);
        byte[] expected = buffer.ToArray();
        Array.Copy(buffer, 100, expected, 100 + shift, length);

        ByteCopy.Copy(buffer.AsSpan(100, length), buffer.AsSpan(100 + shift));

        Assert.Equal(expected, buffer);
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
