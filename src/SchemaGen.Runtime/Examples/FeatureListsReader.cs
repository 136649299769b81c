namespace SchemaGen;

/// <summary>
/// The feature lists of a serialized SequenceExample: a map from key to FeatureList, read in place. The
/// <c>feature_lists</c> field may occur several times (the maps merge); when a key repeats, its last entry wins.
/// </summary>
public readonly ref struct FeatureListsReader
{
    private readonly ReadOnlySpan<byte> _message;

    /// <param name="message">A serialized SequenceExample.</param>
    internal FeatureListsReader(ReadOnlySpan<byte> message)
    {
        _message = message;
    }

    /// <summary>Finds a feature list by key.</summary>
    /// <param name="utf8Key">The key in UTF-8.</param>
    /// <param name="featureList">The feature list (its last entry) when found.</param>
    /// <returns>True when the key is present, even with no steps.</returns>
    /// <exception cref="ExampleFormatException">The bytes are malformed.</exception>
    public bool TryGetFeatureList(scoped ReadOnlySpan<byte> utf8Key, out FeatureListReader featureList)
    {
        var entries = new MapEntryWalker(_message, WireFormat.Field2Delimited);
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
            featureList = default;
            return false;
        }

        featureList = new FeatureListReader(_message, keyStart, utf8Key.Length, valueStart, valueEnd);
        return true;
    }

    /// <summary>Finds a feature list by key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="featureList">The feature list (its last entry) when found.</param>
    /// <returns>True when the key is present, even with no steps.</returns>
    /// <exception cref="ExampleFormatException">The bytes are malformed.</exception>
    public bool TryGetFeatureList(string key, out FeatureListReader featureList)
    {
        using var utf8 = new Utf8KeyBuffer(key, stackalloc byte[256]);
        return TryGetFeatureList(utf8.Bytes, out featureList);
    }

    /// <summary>Enumerates the feature lists, each key once with its last value, in wire order of those last entries.</summary>
    /// <returns>An enumerator for <c>foreach</c>.</returns>
    /// <exception cref="ExampleFormatException">The bytes are malformed.</exception>
    public FeatureListEnumerator GetEnumerator() => new(new DistinctMapEntries(_message, WireFormat.Field2Delimited));
}
