namespace SchemaGen;

/// <summary>Enumerates the values of an int64 list feature (<see cref="FeatureReader.EnumerateInt64s"/>).</summary>
public ref struct Int64ListEnumerator
{
    private ValueRegions _regions;
    private WireCursor _values;

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
        while (!_values.HasMore)
        {
            if (!_regions.MoveNext(out _values))
            {
                return false;
            }
        }

        Current = (long)_values.ReadVarint();
        return true;
    }
}
