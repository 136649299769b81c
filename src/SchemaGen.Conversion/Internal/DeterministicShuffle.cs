namespace SchemaGen.Conversion.Internal;

/// <summary>
/// A permutation that depends only on the seed, the split name and the count: SplitMix64 drives a Fisher–Yates
/// shuffle with Lemire's unbiased bounded draws, so it is the same on every runtime and machine (System.Random's
/// seeded sequence is not a documented contract).
/// </summary>
internal static class DeterministicShuffle
{
    public static int[] Permutation(int count, long seed, string split)
    {
        ulong state = (ulong)seed ^ Fnv1a(split);
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        for (int i = count - 1; i > 0; i--)
        {
            int j = (int)Bounded(ref state, (uint)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static uint Bounded(ref ulong state, uint bound)
    {
        ulong product = (ulong)(uint)Next(ref state) * bound;
        if ((uint)product < bound)
        {
            uint threshold = (uint)-(int)bound % bound;
            while ((uint)product < threshold)
            {
                product = (ulong)(uint)Next(ref state) * bound;
            }
        }

        return (uint)(product >> 32);
    }

    private static ulong Fnv1a(string text)
    {
        ulong hash = 0xCBF29CE484222325UL;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        return hash;
    }
}
