using System.Runtime.Intrinsics.X86;

namespace SchemaGen.Gpu;

/// <summary>
/// Copies a batch's images into page-locked staging memory with non-temporal stores where the CPU has them. The
/// device reads the staging memory by DMA straight after, so caching it would only cost reads for ownership during
/// the copy and snoops of dirty lines during the transfer. (A copy timed alone, with nothing reading the staging
/// memory, favours ordinary stores; the device check times both with the transfers running.)
/// </summary>
internal static class StagingCopy
{
    // Below this a batch fits the caches comfortably and an ordinary copy is as fast.
    private const int NonTemporalFrom = 64 * 1024;

    public static unsafe void Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (!Avx.IsSupported || source.Length < NonTemporalFrom)
        {
            source.CopyTo(destination);
            return;
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(source.Length, destination.Length);
        fixed (byte* from = source, to = destination)
        {
            int head = (int)((32 - ((nint)to & 31)) & 31);
            source[..head].CopyTo(destination);
            int i = head, end = head + ((source.Length - head) & ~127);
            for (; i < end; i += 128)
            {
                var a = Avx.LoadVector256(from + i);
                var b = Avx.LoadVector256(from + i + 32);
                var c = Avx.LoadVector256(from + i + 64);
                var d = Avx.LoadVector256(from + i + 96);
                Avx.StoreAlignedNonTemporal(to + i, a);
                Avx.StoreAlignedNonTemporal(to + i + 32, b);
                Avx.StoreAlignedNonTemporal(to + i + 64, c);
                Avx.StoreAlignedNonTemporal(to + i + 96, d);
            }

            source[i..].CopyTo(destination[i..]);

            // Non-temporal stores are weakly ordered: make them visible before the copy to the device is queued.
            Sse.StoreFence();
        }
    }
}
