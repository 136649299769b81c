namespace SchemaGen;

/// <summary>Enumerates the values of a float list feature (<see cref="FeatureReader.EnumerateFloats"/>).</summary>
public ref struct FloatListEnumerator
{
    private ValueRegions _regions;
    private WireCursor _values;

    internal FloatListEnumerator(ValueRegions regions)
    {
        _regions = regions;
    }

    /// <summary>The current value, bit for bit as stored (NaN payloads included).</summary>
    public float Current { get; private set; }

    /// <summary>Returns this enumerator, for <c>foreach</c>.</summary>
    /// <returns>This enumerator.</returns>
    public readonly FloatListEnumerator GetEnumerator() => this;

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

        Current = BitConverter.Int32BitsToSingle((int)_values.ReadFixed32());
        return true;
    }
}
