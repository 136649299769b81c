namespace SchemaGen;

/// <summary>
/// The features of a serialized Example, or the context of a SequenceExample: a map from key to Feature, read in
/// place. Both messages hold their Features as field 1, possibly several times (the maps merge); when a key repeats,
/// its last entry wins, in lookups and in enumeration alike.
/// </summary>
public readonly ref struct FeaturesReader
{
    private readonly ReadOnlySpan<byte> _message;

    /// <param name="message">A serialized Example or SequenceExample.</param>
    internal FeaturesReader(ReadOnlySpan<byte> message)
    {
        _message = message;
    }

    /// <summary>Finds a feature by key.</summary>
    /// <param name="utf8Key">The key in UTF-8.</param>
    /// <param name="feature">The feature (its last entry) when found.</param>
    /// <returns>True when the key is present with a kind set; a Feature with no kind counts as missing.</returns>
    /// <exception cref="ExampleFormatException">The bytes are malformed.</exception>
    public bool TryGetFeature(scoped ReadOnlySpan<byte> utf8Key, out FeatureReader feature)
    {
        var entries = new MapEntryWalker(_message, WireFormat.Field1Delimited);
        int keyStart = -1;
        int valueStart = 0;
        int valueEnd = 0;
        while (entries.MoveNext())
        {
            if (entries.Key.SequenceEqual(utf8Key))
            {
                keyStart = entries.KeyStart;
                valueStart = entries.ValueStart;
                valueEnd = entries.ValueEnd;
            }
        }

        if (keyStart < 0)
        {
            feature = default;
            return false;
        }

        feature = new FeatureReader(_message, keyStart, utf8Key.Length, valueStart, valueEnd);
        return feature.Kind != FeatureKind.None;
    }

    /// <summary>Finds a feature by key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="feature">The feature (its last entry) when found.</param>
    /// <returns>True when the key is present with a kind set; a Feature with no kind counts as missing.</returns>
    /// <exception cref="ExampleFormatException">The bytes are malformed.</exception>
    public bool TryGetFeature(string key, out FeatureReader feature)
    {
        using var utf8 = new Utf8KeyBuffer(key, stackalloc byte[256]);
        return TryGetFeature(utf8.Bytes, out feature);
    }

    /// <summary>
    /// Enumerates the features, each key once with its last value, in wire order of those last entries. Features
    /// with no kind are included (<see cref="FeatureReader.Kind"/> is <see cref="FeatureKind.None"/>).
    /// </summary>
    /// <returns>An enumerator for <c>foreach</c>.</returns>
    /// <exception cref="ExampleFormatException">The bytes are malformed.</exception>
    public FeatureEnumerator GetEnumerator() => new(new DistinctMapEntries(_message, WireFormat.Field1Delimited));
}
