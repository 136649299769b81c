using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace SchemaGen.Conversion.Images;

/// <summary>
/// Interleaves three colour planes (CIFAR's CHW rows: 1024 R, 1024 G, 1024 B) into HWC pixels (R G B R G B …):
/// with three byte shuffles per output vector, 32 pixels at a time with AVX2, else 16 where the CPU has shuffles.
/// </summary>
internal static class PlanarInterleave
{
    // For output vector k (bytes 16k..16k+15 of 48), which byte of each plane's 16-pixel vector goes where; 0x80 = zero.
    private static readonly byte[] Masks = BuildMasks();

    /// <summary>Writes <c>first[i], second[i], third[i]</c> for every pixel i; pass the planes as (B, G, R) for BGR.</summary>
    // Optimized from the first call: unoptimized code would not inline the vector helpers below.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Interleave(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, ReadOnlySpan<byte> third, Span<byte> destination)
    {
        int pixels = first.Length;
        if (second.Length != pixels || third.Length != pixels || destination.Length < pixels * 3)
        {
            throw new ArgumentException("The planes differ in length or the destination is too small.", nameof(destination));
        }

        int i = 0;
        ref byte p0 = ref MemoryMarshal.GetReference(first);
        ref byte p1 = ref MemoryMarshal.GetReference(second);
        ref byte p2 = ref MemoryMarshal.GetReference(third);
        ref byte d = ref MemoryMarshal.GetReference(destination);
        ref byte masks = ref MemoryMarshal.GetArrayDataReference(Masks);
        if (Avx2.IsSupported && pixels >= 32)
        {
            // Each 128-bit lane interleaves its own 16 pixels; the lanes are then regrouped into consecutive output.
            var m00 = Lanes(ref masks, 0);
            var m01 = Lanes(ref masks, 16);
            var m02 = Lanes(ref masks, 32);
            var m10 = Lanes(ref masks, 48);
            var m11 = Lanes(ref masks, 64);
            var m12 = Lanes(ref masks, 80);
            var m20 = Lanes(ref masks, 96);
            var m21 = Lanes(ref masks, 112);
            var m22 = Lanes(ref masks, 128);
            for (; i <= pixels - 32; i += 32)
            {
                var a = Vector256.LoadUnsafe(ref p0, (nuint)i);
                var b = Vector256.LoadUnsafe(ref p1, (nuint)i);
                var c = Vector256.LoadUnsafe(ref p2, (nuint)i);
                var v0 = Avx2.Shuffle(a, m00) | Avx2.Shuffle(b, m01) | Avx2.Shuffle(c, m02);
                var v1 = Avx2.Shuffle(a, m10) | Avx2.Shuffle(b, m11) | Avx2.Shuffle(c, m12);
                var v2 = Avx2.Shuffle(a, m20) | Avx2.Shuffle(b, m21) | Avx2.Shuffle(c, m22);
                ref byte output = ref Unsafe.Add(ref d, i * 3);
                Avx2.Permute2x128(v0, v1, 0x20).StoreUnsafe(ref output);
                Avx2.Permute2x128(v2, v0, 0x30).StoreUnsafe(ref output, 32);
                Avx2.Permute2x128(v1, v2, 0x31).StoreUnsafe(ref output, 64);
            }
        }

        if (Vector128.IsHardwareAccelerated && (Ssse3.IsSupported || AdvSimd.Arm64.IsSupported) && pixels - i >= 16)
        {
            var m00 = Vector128.LoadUnsafe(ref masks, 0);
            var m01 = Vector128.LoadUnsafe(ref masks, 16);
            var m02 = Vector128.LoadUnsafe(ref masks, 32);
            var m10 = Vector128.LoadUnsafe(ref masks, 48);
            var m11 = Vector128.LoadUnsafe(ref masks, 64);
            var m12 = Vector128.LoadUnsafe(ref masks, 80);
            var m20 = Vector128.LoadUnsafe(ref masks, 96);
            var m21 = Vector128.LoadUnsafe(ref masks, 112);
            var m22 = Vector128.LoadUnsafe(ref masks, 128);
            for (; i <= pixels - 16; i += 16)
            {
                var a = Vector128.LoadUnsafe(ref p0, (nuint)i);
                var b = Vector128.LoadUnsafe(ref p1, (nuint)i);
                var c = Vector128.LoadUnsafe(ref p2, (nuint)i);
                ref byte output = ref Unsafe.Add(ref d, i * 3);
                (Shuffle(a, m00) | Shuffle(b, m01) | Shuffle(c, m02)).StoreUnsafe(ref output);
                (Shuffle(a, m10) | Shuffle(b, m11) | Shuffle(c, m12)).StoreUnsafe(ref output, 16);
                (Shuffle(a, m20) | Shuffle(b, m21) | Shuffle(c, m22)).StoreUnsafe(ref output, 32);
            }
        }

        for (; i < pixels; i++)
        {
            destination[3 * i] = first[i];
            destination[3 * i + 1] = second[i];
            destination[3 * i + 2] = third[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Lanes(ref byte masks, int offset)
    {
        var mask = Vector128.LoadUnsafe(ref masks, (nuint)offset);
        return Vector256.Create(mask, mask);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Shuffle(Vector128<byte> vector, Vector128<byte> mask) =>
        Ssse3.IsSupported ? Ssse3.Shuffle(vector, mask) : AdvSimd.Arm64.VectorTableLookup(vector, mask);

    private static byte[] BuildMasks()
    {
        // Layout: for output vector k, three 16-byte masks (for planes 0, 1, 2).
        var masks = new byte[3 * 48];
        for (int k = 0; k < 3; k++)
        {
            for (int j = 0; j < 16; j++)
            {
                int outputByte = k * 16 + j;
                int pixel = outputByte / 3;
                int plane = outputByte % 3;
                for (int p = 0; p < 3; p++)
                {
                    masks[k * 48 + p * 16 + j] = p == plane ? (byte)pixel : (byte)0x80;
                }
            }
        }

        return masks;
    }
}
