using System.Buffers.Binary;
using System.IO.Compression;
using SchemaGen.Checksums;

namespace SchemaGen.Runtime.Tests.Checksums;

public class Adler32Tests
{
    [Fact]
    public void Matches_the_definition_at_every_length_around_the_vector_steps_and_reductions()
    {
        var random = new Random(1);
        var data = new byte[12_000];
        random.NextBytes(data);
        foreach (int length in Enumerable.Range(0, 70).Concat([5535, 5536, 5537, 5552, 5553, 11_071, 11_072, 11_073, 12_000]))
        {
            Assert.Equal(Definition(data.AsSpan(0, length)), Adler32.Update(Adler32.Initial, data.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Continues_across_pieces_and_survives_bytes_of_255()
    {
        var data = new byte[40_000];
        Array.Fill(data, (byte)255);
        new Random(2).NextBytes(data.AsSpan(20_000));
        uint adler = Adler32.Initial;
        for (int at = 0; at < data.Length;)
        {
            int piece = Math.Min(data.Length - at, 1 + (at % 977));
            adler = Adler32.Update(adler, data.AsSpan(at, piece));
            at += piece;
        }

        Assert.Equal(Definition(data), adler);
    }

    [Fact]
    public void Matches_the_trailer_zlib_writes()
    {
        var data = new byte[100_000];
        new Random(3).NextBytes(data.AsSpan(0, 50_000));
        var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(data);
        }

        var compressed = output.ToArray();
        Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(compressed.AsSpan(compressed.Length - 4)), Adler32.Update(Adler32.Initial, data));
    }

    // RFC 1950, 8.2: both sums modulo 65521 after every byte.
    private static uint Definition(ReadOnlySpan<byte> data)
    {
        uint a = 1, b = 0;
        foreach (byte value in data)
        {
            a = (a + value) % 65521;
            b = (b + a) % 65521;
        }

        return (b << 16) | a;
    }
}
