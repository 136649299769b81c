namespace SchemaGen.Examples;

/// <summary>Enumerates the features of an Example or a context, each key once (<see cref="FeatureMapReader.GetEnumerator"/>).</summary>
public ref struct FeatureEnumerator
{
    private DistinctMapEntries _entries;

    internal FeatureEnumerator(DistinctMapEntries entries)
    {
        _entries = entries;
    }

    /// <summary>The current feature.</summary>
    public FeatureReader Current { get; private set; }

    /// <summary>Returns this enumerator, for <c>foreach</c>.</summary>
    /// <returns>This enumerator.</returns>
    public readonly FeatureEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next feature, checking its values.</summary>
    /// <returns>False after the last feature.</returns>
    /// <exception cref="ExampleFormatException">The bytes are malformed.</exception>
    public bool MoveNext()
    {
        if (!_entries.MoveNext())
        {
            return false;
        }

        MapEntry entry = _entries.Current;
        Current = new FeatureReader(_entries.Buffer, new ErrorContext(entry.KeyStart, entry.KeyLength), entry.ValueStart, entry.ValueEnd);
        return true;
    }
}
