using SchemaGen.Checksums;

namespace SchemaGen.Runtime.Tests.Checksums;

public class MaskedCrc32CTests
{
    [Fact]
    public void Mask_follows_the_tensorflow_formula()
    {
        // ((c >> 15) | (c << 17)) + 0xa282ead8, worked by hand for c = 0x8a9136aa (32 zero bytes).
        // c >> 15 = 0x00011522, c << 17 = 0x6D540000, or = 0x6D551522, + 0xA282EAD8 = 0x0FD7FFFA (mod 2^32).
        Assert.Equal(0x0FD7FFFAu, MaskedCrc32C.Mask(0x8A9136AA));
        Assert.Equal(0x0FD7FFFAu, MaskedCrc32C.Compute(new byte[32]));
    }

    [Fact]
    public void Unmask_inverts_mask()
    {
        var random = new Random(11);
        foreach (uint crc in new uint[] { 0, 1, 0xFFFFFFFF, 0xA282EAD8, 0x80000000 }
            .Concat(Enumerable.Range(0, 10_000).Select(_ => (uint)random.NextInt64(0, 1L << 32))))
        {
            Assert.Equal(crc, MaskedCrc32C.Unmask(MaskedCrc32C.Mask(crc)));
            Assert.Equal(crc, MaskedCrc32C.Mask(MaskedCrc32C.Unmask(crc)));
        }
    }

    [Fact]
    public void Masked_crc_of_a_length_matches_a_tensorflow_written_header()
    {
        // pwnall singles.tfrecords (MANIFEST): length 0x18 is stored with masked CRC a37f4b22 (little-endian bytes).
        var length = new byte[] { 0x18, 0, 0, 0, 0, 0, 0, 0 };
        Assert.Equal(0x224B7FA3u, MaskedCrc32C.Compute(length));
        Assert.Equal(0x224B7FA3u, ReferenceCrc32C.Masked(length));
    }
}
