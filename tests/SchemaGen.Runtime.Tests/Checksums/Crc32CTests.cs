using SchemaGen.Checksums;

namespace SchemaGen.Runtime.Tests.Checksums;

public class Crc32CTests
{
    public static TheoryData<string, uint> Vectors => new()
    {
        { "zeros", 0x8A9136AA },
        { "ones", 0x62A8AB43 },
        { "ascending", 0x46DD794E },
        { "descending", 0x113FDB5C },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Known_vectors_of_32_bytes(string name, uint expected)
    {
        var data = name switch
        {
            "zeros" => new byte[32],
            "ones" => Enumerable.Repeat((byte)0xFF, 32).ToArray(),
            "ascending" => Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(),
            _ => Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray(),
        };

        Assert.Equal(expected, Crc32C.Compute(data));
        Assert.Equal(expected, ReferenceCrc32C.Compute(data));
    }

    [Fact]
    public void Empty_input_has_crc_zero() => Assert.Equal(0u, Crc32C.Compute([]));

    [Fact]
    public void Matches_the_bitwise_reference_for_random_lengths_and_offsets()
    {
        var random = new Random(20240601);
        var pool = new byte[3 * 3 * 8192 * 3 + 64];
        random.NextBytes(pool);

        // Lengths straddle every path: byte tail, 8-byte tail, 3x256 blocks and 3x8192 blocks (from 24576 bytes), and
        // on .NET 10 the fused blocks (from 496 bytes, 248 per iteration, 7936 at most) with their 32-byte extras.
        var lengths = Enumerable.Range(0, 64)
            .Concat(Enumerable.Range(480, 600))
            .Concat(new[] { 7935, 7936, 7937, 7936 + 31, 7936 + 32, 7936 + 495, 7936 + 496, 2 * 7936 + 3 * 248 + 31, 3 * 7936 })
            .Concat(new[] { 767, 768, 769, 775, 776, 1535, 1536, 3072, 24575, 24576, 24577, 24576 + 768 + 15, 2 * 24576 + 3 * 768 + 7 })
            .Concat(Enumerable.Range(0, 150).Select(_ => random.Next(0, 20_001)))
            .Concat(Enumerable.Range(0, 10).Select(_ => random.Next(20_001, pool.Length - 64)));

        foreach (int length in lengths)
        {
            int offset = random.Next(0, 8);
            var data = pool.AsSpan(offset, length);
            Assert.True(ReferenceCrc32C.Compute(data) == Crc32C.Compute(data), $"length {length}, offset {offset}");
        }
    }

    [Fact]
    public void Append_continues_a_finished_crc()
    {
        var random = new Random(7);
        var data = new byte[30_000];
        random.NextBytes(data);

        for (int trial = 0; trial < 200; trial++)
        {
            int split = random.Next(0, data.Length + 1);
            uint first = Crc32C.Compute(data.AsSpan(0, split));
            Assert.Equal(Crc32C.Compute(data), Crc32C.Append(first, data.AsSpan(split)));
        }
    }

    [Fact]
    public void Append_to_zero_is_compute()
    {
        var data = "123456789"u8;
        Assert.Equal(0xE3069283u, Crc32C.Append(0, data));
        Assert.Equal(0xE3069283u, Crc32C.Compute(data));
    }
}
