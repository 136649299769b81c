namespace SchemaGen;

/// <summary>
/// The entries of a map with each key once, holding its last value (protobuf's rule for repeated keys), in wire
/// order of those last occurrences. Keys that ascend in wire order (the usual case, and what our writers emit) cannot
/// repeat, so the quadratic look-ahead for a later duplicate only runs for unsorted maps.
/// </summary>
internal ref struct DistinctMapEntries
{
    private readonly bool _keysMayRepeat;
    private MapEntryWalker _walker;

    public DistinctMapEntries(ReadOnlySpan<byte> message, byte mapTag)
    {
        _walker = new MapEntryWalker(message, mapTag);
        _keysMayRepeat = !KeysAscend(_walker);
    }

    public readonly ReadOnlySpan<byte> Buffer => _walker.Buffer;

    public readonly int KeyStart => _walker.KeyStart;

    public readonly int KeyLength => _walker.KeyLength;

    public readonly int ValueStart => _walker.ValueStart;

    public readonly int ValueEnd => _walker.ValueEnd;

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

    private static bool KeysAscend(MapEntryWalker walker)
    {
        if (!walker.MoveNext())
        {
            return true;
        }

        ReadOnlySpan<byte> previous = walker.Key;
        while (walker.MoveNext())
        {
            ReadOnlySpan<byte> key = walker.Key;
            if (key.SequenceCompareTo(previous) <= 0)
            {
                return false;
            }

            previous = key;
        }

        return true;
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
