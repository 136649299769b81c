namespace SchemaGen.Examples;

/// <summary>
/// Where one map entry (a feature, or a feature list) lies in a serialized message: a plain value that can be kept
/// across iterations of <see cref="FeatureEntryEnumerator"/> and read later with
/// <see cref="FeatureMapReader.TryGetFeature(in FeatureEntry, out FeatureReader)"/> or
/// <see cref="FeatureListMapReader.GetFeatureList(in FeatureEntry)"/>. The default value is "not found".
/// </summary>
public readonly struct FeatureEntry
{
    private readonly int _keyStart;
    private readonly int _keyLength;
    private readonly int _valueStart;
    private readonly int _valueEnd;

    internal FeatureEntry(int keyStart, int keyLength, int valueStart, int valueEnd)
    {
        // Offsets are stored plus one so that default(FeatureEntry) reads as "not found".
        _keyStart = keyStart + 1;
        _keyLength = keyLength;
        _valueStart = valueStart;
        _valueEnd = valueEnd;
    }

    /// <summary>True when this entry was taken from an enumerator, false for <c>default</c>.</summary>
    public bool Found => _keyStart != 0;

    internal int KeyStart => _keyStart - 1;

    internal int KeyLength => _keyLength;

    internal int ValueStart => _valueStart;

    internal int ValueEnd => _valueEnd;
}
