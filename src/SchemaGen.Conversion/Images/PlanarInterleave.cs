using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace SchemaGen.Conversion.Images;

/// <summary>
/// Interleaves three colour planes (CIFAR's CHW rows: 1024 R, 1024 G, 1024 B) into HWC pixels (R G B R G B …):
/// 16 pixels at a time with three byte shuffles per output vector where the CPU has them.
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
        if (Vector128.IsHardwareAccelerated && (Ssse3.IsSupported || AdvSimd.Arm64.IsSupported))
        {
            ref byte p0 = ref MemoryMarshal.GetReference(first);
            ref byte p1 = ref MemoryMarshal.GetReference(second);
            ref byte p2 = ref MemoryMarshal.GetReference(third);
            ref byte d = ref MemoryMarshal.GetReference(destination);
            for (; i <= pixels - 16; i += 16)
            {
                Store(Vector128.LoadUnsafe(ref p0, (nuint)i), Vector128.LoadUnsafe(ref p1, (nuint)i), Vector128.LoadUnsafe(ref p2, (nuint)i), ref Unsafe.Add(ref d, i * 3));
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
    private static void Store(Vector128<byte> a, Vector128<byte> b, Vector128<byte> c, ref byte destination)
    {
        ref byte masks = ref MemoryMarshal.GetArrayDataReference(Masks);
        for (int k = 0; k < 3; k++)
        {
            var mask0 = Vector128.LoadUnsafe(ref masks, (nuint)(k * 48));
            var mask1 = Vector128.LoadUnsafe(ref masks, (nuint)(k * 48 + 16));
            var mask2 = Vector128.LoadUnsafe(ref masks, (nuint)(k * 48 + 32));
            (Shuffle(a, mask0) | Shuffle(b, mask1) | Shuffle(c, mask2)).StoreUnsafe(ref destination, (nuint)(k * 16));
        }
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
