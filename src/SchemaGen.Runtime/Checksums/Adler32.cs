using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SchemaGen.Checksums;

/// <summary>
/// Adler-32 (RFC 1950), the checksum in a ZLIB stream's trailer: with it the reader tells a ZLIB-compressed file
/// that ends early from a whole one, which .NET's decompressor does not.
/// </summary>
/// <remarks>
/// With AVX2, 32 bytes per step: their sum, and their sum weighted 32 down to 1 for the second half, whose terms
/// from earlier steps are carried as a running sum of the first half. Reduced modulo 65521 every 5,536 bytes
/// (NMAX rounded down to whole steps), before a sum could overflow.
/// </remarks>
internal static class Adler32
{
    /// <summary>The checksum of no bytes.</summary>
    public const uint Initial = 1;

    private const uint Modulus = 65521;
    private const int MaxBlock = 5552;
    private const int Step = 32;

    private static readonly Vector256<sbyte> Weights = Vector256.Create(
        (sbyte)32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1);

    /// <summary>Continues <paramref name="adler"/> over <paramref name="data"/>.</summary>
    /// <param name="adler">The checksum so far (<see cref="Initial"/> to start).</param>
    /// <param name="data">The next bytes.</param>
    /// <returns>The checksum including <paramref name="data"/>.</returns>
    public static uint Update(uint adler, ReadOnlySpan<byte> data)
    {
        uint a = adler & 0xFFFF, b = adler >> 16;
        if (Avx2.IsSupported)
        {
            while (data.Length >= Step)
            {
                int length = Math.Min(data.Length, MaxBlock) & ~(Step - 1);
                (a, b) = Block(a, b, data[..length]);
                data = data[length..];
            }
        }

        while (!data.IsEmpty)
        {
            int length = Math.Min(data.Length, MaxBlock);
            foreach (byte value in data[..length])
            {
                a += value;
                b += a;
            }

            a %= Modulus;
            b %= Modulus;
            data = data[length..];
        }

        return (b << 16) | a;
    }

    // Whole 32-byte steps, at most MaxBlock bytes: a and b reduced at the end.
    private static (uint A, uint B) Block(uint a, uint b, ReadOnlySpan<byte> data)
    {
        ref byte start = ref MemoryMarshal.GetReference(data);
        int steps = data.Length / Step;
        var sums = Vector256<uint>.Zero;     // the bytes so far, in 4 lanes of 8 bytes' sums
        var carried = Vector256<uint>.Zero;  // the sums before each step, which b gains 32 times each
        var weighted = Vector256<uint>.Zero; // each step's bytes weighted 32 down to 1
        var ones = Vector256.Create((short)1);
        for (int i = 0; i < steps; i++)
        {
            var bytes = Vector256.LoadUnsafe(ref start, (nuint)(i * Step));
            carried += sums;
            sums += Avx2.SumAbsoluteDifferences(bytes, Vector256<byte>.Zero).AsUInt32();
            weighted += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(bytes, Weights), ones).AsUInt32();
        }

        ulong total = Vector256.Sum(sums);
        ulong secondHalf = b + ((ulong)steps * Step * a) + (Step * (ulong)Vector256.Sum(carried)) + Vector256.Sum(weighted);
        return ((uint)((a + total) % Modulus), (uint)(secondHalf % Modulus));
    }
}
