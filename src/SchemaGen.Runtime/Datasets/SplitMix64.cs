namespace SchemaGen.Datasets;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014): a small generator whose algorithm is fixed here, so a seed gives the
/// same shuffles on every runtime and version (<see cref="Random"/> promises no such thing).
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private const ulong Gamma = 0x9E3779B97F4A7C15;

    private ulong _state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => Finalize(_state += Gamma);

    /// <summary>A uniform value in [0, <paramref name="bound"/>), without modulo bias (Lemire's multiply-and-reject).</summary>
    public int NextInt32(int bound)
    {
        uint range = (uint)bound;
        ulong product = (NextUInt64() >> 32) * range;
        if ((uint)product < range)
        {
            uint threshold = (0u - range) % range;
            while ((uint)product < threshold)
            {
                product = (NextUInt64() >> 32) * range;
            }
        }

        return (int)(product >> 32);
    }

    /// <summary>Shuffles <paramref name="items"/> uniformly in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt32(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>
    /// A seed for one purpose (<paramref name="stream"/>) and one epoch, derived from the user's seed: independent
    /// streams for file order and record order, and a fresh one per epoch.
    /// </summary>
    public static ulong Derive(long seed, DatasetRandomStream stream, long epoch) =>
        Finalize(Finalize(Finalize((ulong)seed + Gamma) ^ ((ulong)stream * Gamma)) + (ulong)epoch);

    /// <summary>
    /// A generator for item <paramref name="index"/> of a stream: each item's draws depend on the stream's seed and
    /// its index alone, never on which thread drew first.
    /// </summary>
    public static SplitMix64 ForItem(ulong streamSeed, long index) => new(Finalize(streamSeed ^ Finalize((ulong)index + Gamma)));

    /// <summary>A uniform float in [0, 1) from 24 random bits (every such float is exact).</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1f / (1 << 24));

    private static ulong Finalize(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
