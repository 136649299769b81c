namespace SchemaGen;

/// <summary>Enumerates every map entry of an Example's features in wire order (<see cref="FeaturesReader.EnumerateEntries"/>).</summary>
public ref struct FeatureEntryEnumerator
{
    private MapEntryWalker _walker;

    internal FeatureEntryEnumerator(MapEntryWalker walker)
    {
        _walker = walker;
    }

    /// <summary>The current entry.</summary>
    public readonly FeatureEntry Current => new(_walker.Buffer, _walker.Current);

    /// <summary>Returns this enumerator, for <c>foreach</c>.</summary>
    /// <returns>This enumerator.</returns>
    public readonly FeatureEntryEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next entry.</summary>
    /// <returns>False after the last entry.</returns>
    /// <exception cref="ExampleFormatException">The bytes are malformed.</exception>
    public bool MoveNext() => _walker.MoveNext();
}
