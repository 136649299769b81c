namespace SchemaGen.Examples;

/// <summary>Enumerates the feature lists of a SequenceExample, each key once (<see cref="FeatureListMapReader.GetEnumerator"/>).</summary>
public ref struct FeatureListEnumerator
{
    private DistinctMapEntries _entries;

    internal FeatureListEnumerator(DistinctMapEntries entries)
    {
        _entries = entries;
    }

    /// <summary>The current feature list.</summary>
    public FeatureListReader Current { get; private set; }

    /// <summary>Returns this enumerator, for <c>foreach</c>.</summary>
    /// <returns>This enumerator.</returns>
    public readonly FeatureListEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next feature list.</summary>
    /// <returns>False after the last one.</returns>
    /// <exception cref="ExampleFormatException">The bytes are malformed.</exception>
    public bool MoveNext()
    {
        if (!_entries.MoveNext())
        {
            return false;
        }

        MapEntry entry = _entries.Current;
        Current = new FeatureListReader(_entries.Buffer, new ErrorContext(entry.KeyStart, entry.KeyLength), entry.ValueStart, entry.ValueEnd);
        return true;
    }
}
