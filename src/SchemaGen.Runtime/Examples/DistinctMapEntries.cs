using System.Buffers;

namespace SchemaGen.Examples;

/// <summary>
/// The entries of a map with each key once, holding its last value (protobuf's rule for repeated keys), in wire
/// order of those last occurrences. Keys that ascend in wire order (protobuf's deterministic order, which our writers
/// emit) cannot repeat. Nor can keys whose hashes all differ, which is how a larger map in hash order (as TensorFlow
/// writes them) is cleared: its keys are hashed once and the hashes sorted. A small map looks ahead for a later
/// duplicate of each key; a larger one with equal hashes (repeated keys, or a rare collision) marks the entries a
/// later one replaces by comparing keys only within each group of equal hashes, so the work stays n log n however
/// the keys are ordered or repeated.
/// </summary>
internal ref struct DistinctMapEntries
{
    // Up to here the look-ahead's n²/2 key comparisons cost less than hashing and sorting.
    private const int SmallMap = 32;

    private readonly bool _lookAhead;

    // Bit i set: entry i (in wire order) has a later duplicate. Null when no key repeats.
    private readonly ulong[]? _replaced;
    private MapEntryWalker _walker;
    private int _index;

    public DistinctMapEntries(ReadOnlySpan<byte> message, byte mapTag)
    {
        _walker = new MapEntryWalker(message, mapTag);
        (bool ascending, int count) = KeyOrder(_walker);
        if (!ascending)
        {
            if (count <= SmallMap)
            {
                _lookAhead = true;
            }
            else
            {
                _replaced = ReplacedEntries(_walker, count, out int comparisons);
                KeyComparisons = comparisons;
            }
        }
    }

    public readonly ReadOnlySpan<byte> Buffer => _walker.Buffer;

    /// <summary>The current entry.</summary>
    public readonly MapEntry Current => _walker.Current;

    /// <summary>How many byte-wise key comparisons finding the replaced entries of a large map took (for the tests).</summary>
    public int KeyComparisons { get; private set; }

    public bool MoveNext()
    {
        while (_walker.MoveNext())
        {
            int index = _index++;
            if (_replaced is { } replaced ? (replaced[index >> 6] & (1UL << index)) != 0 : _lookAhead && KeyRepeatsLater())
            {
                continue;
            }

            return true;
        }

        return false;
    }

    private static (bool Ascending, int Count) KeyOrder(MapEntryWalker walker)
    {
        if (!walker.MoveNext())
        {
            return (true, 0);
        }

        bool ascending = true;
        int count = 1;
        ReadOnlySpan<byte> previous = walker.Key;
        while (walker.MoveNext())
        {
            ReadOnlySpan<byte> key = walker.Key;
            if (ascending && key.SequenceCompareTo(previous) <= 0)
            {
                ascending = false;
            }

            previous = key;
            count++;
        }

        return (ascending, count);
    }

    /// <summary>
    /// Marks each entry whose key occurs again later; null when no two keys hash alike. Entries are sorted by
    /// (hash, position); within a group of equal hashes, walked from its last entry back, each key is compared only
    /// with the distinct keys already met in the group: with a randomized 32-bit hash that is one key but for a
    /// collision nobody can aim at.
    /// </summary>
    private static ulong[]? ReplacedEntries(MapEntryWalker walker, int count, out int comparisons)
    {
        comparisons = 0;
        long[] order = ArrayPool<long>.Shared.Rent(count);
        MapEntry[] entries = ArrayPool<MapEntry>.Shared.Rent(count);
        int[] distinct = ArrayPool<int>.Shared.Rent(count);
        try
        {
            var sorted = order.AsSpan(0, count);
            ReadOnlySpan<byte> buffer = walker.Buffer;
            for (int i = 0; walker.MoveNext(); i++)
            {
                var hash = default(HashCode);
                hash.AddBytes(walker.Key);
                sorted[i] = ((long)hash.ToHashCode() << 32) | (uint)i;
                entries[i] = walker.Current;
            }

            sorted.Sort();
            ulong[]? replaced = null;
            for (int end = count; end > 0;)
            {
                // The group sorted[start..end] shares a hash; its positions ascend.
                int start = end - 1;
                while (start > 0 && (sorted[start - 1] >> 32) == (sorted[end - 1] >> 32))
                {
                    start--;
                }

                if (end - start > 1)
                {
                    replaced ??= new ulong[(count + 63) >> 6];
                    int kept = 0;
                    for (int j = end - 1; j >= start; j--)
                    {
                        int index = (int)(uint)sorted[j];
                        ReadOnlySpan<byte> key = entries[index].Key(buffer);
                        bool later = false;
                        for (int k = 0; k < kept && !later; k++)
                        {
                            comparisons++;
                            later = entries[distinct[k]].Key(buffer).SequenceEqual(key);
                        }

                        if (later)
                        {
                            replaced[index >> 6] |= 1UL << index;
                        }
                        else
                        {
                            distinct[kept++] = index;
                        }
                    }
                }

                end = start;
            }

            return replaced;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(distinct);
            ArrayPool<MapEntry>.Shared.Return(entries);
            ArrayPool<long>.Shared.Return(order);
        }
    }

    private readonly bool KeyRepeatsLater()
    {
        ReadOnlySpan<byte> key = _walker.Key;
        MapEntryWalker rest = _walker;
        while (rest.MoveNext())
        {
            if (rest.Key.SequenceEqual(key))
            {
                return true;
            }
        }

        return false;
    }
}
