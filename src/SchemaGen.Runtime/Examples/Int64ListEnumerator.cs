namespace SchemaGen.Examples;

/// <summary>Enumerates the values of an int64 list feature (<see cref="FeatureReader.EnumerateInt64s"/>).</summary>
public ref struct Int64ListEnumerator
{
    private ValueRegions _regions;
    private int _position;
    private int _end;

    internal Int64ListEnumerator(ValueRegions regions)
    {
        _regions = regions;
    }

    /// <summary>The current value.</summary>
    public long Current { get; private set; }

    /// <summary>Returns this enumerator, for <c>foreach</c>.</summary>
    /// <returns>This enumerator.</returns>
    public readonly Int64ListEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next value.</summary>
    /// <returns>False after the last value.</returns>
    public bool MoveNext()
    {
        while (_position == _end)
        {
            if (!_regions.MoveNext(out _position, out _end))
            {
                return false;
            }
        }

        var values = new WireCursor(_regions.Buffer, _position, _end, _regions.Context);
        Current = (long)values.ReadVarint();
        _position = values.Position;
        return true;
    }
}
