namespace SchemaGen.Examples;

/// <summary>Enumerates the values of a bytes list feature (<see cref="FeatureReader.EnumerateBytes"/>).</summary>
public ref struct BytesListEnumerator
{
    private ValueRegions _regions;

    internal BytesListEnumerator(ValueRegions regions)
    {
        _regions = regions;
    }

    /// <summary>The current value: a span over the serialized bytes.</summary>
    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>Returns this enumerator, for <c>foreach</c>.</summary>
    /// <returns>This enumerator.</returns>
    public readonly BytesListEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next value.</summary>
    /// <returns>False after the last value.</returns>
    public bool MoveNext()
    {
        if (!_regions.MoveNext(out int start, out int end))
        {
            return false;
        }

        Current = _regions.Buffer[start..end];
        return true;
    }
}
