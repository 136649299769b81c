using System.Buffers;

namespace SchemaGen.Examples;

/// <summary>
/// The entries of a map with each key once, holding its last value (protobuf's rule for repeated keys), in wire
/// order of those last occurrences. Keys that ascend in wire order (protobuf's deterministic order, which our writers
/// emit) cannot repeat. Nor can keys whose hashes all differ, which is how a larger map in hash order (as TensorFlow
/// writes them) is cleared: its keys are hashed once and the hashes sorted. Only a small map, or one with equal
/// hashes (repeated keys, or a rare collision), looks ahead for a later duplicate of each key.
/// </summary>
internal ref struct DistinctMapEntries
{
    // Up to here the look-ahead's n²/2 key comparisons cost less than hashing and sorting.
    private const int SmallMap = 32;

    private readonly bool _keysMayRepeat;
    private MapEntryWalker _walker;

    public DistinctMapEntries(ReadOnlySpan<byte> message, byte mapTag)
    {
        _walker = new MapEntryWalker(message, mapTag);
        (bool ascending, int count) = KeyOrder(_walker);
        _keysMayRepeat = !ascending && (count <= SmallMap || KeyHashesRepeat(_walker, count));
    }

    public readonly ReadOnlySpan<byte> Buffer => _walker.Buffer;

    /// <summary>The current entry.</summary>
    public readonly MapEntry Current => _walker.Current;

    public bool MoveNext()
    {
        while (_walker.MoveNext())
        {
            if (!_keysMayRepeat || !KeyRepeatsLater())
            {
                return true;
            }
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

    private static bool KeyHashesRepeat(MapEntryWalker walker, int count)
    {
        int[] hashes = ArrayPool<int>.Shared.Rent(count);
        try
        {
            var span = hashes.AsSpan(0, count);
            for (int i = 0; walker.MoveNext(); i++)
            {
                var hash = default(HashCode);
                hash.AddBytes(walker.Key);
                span[i] = hash.ToHashCode();
            }

            span.Sort();
            for (int i = 1; i < span.Length; i++)
            {
                if (span[i] == span[i - 1])
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(hashes);
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
