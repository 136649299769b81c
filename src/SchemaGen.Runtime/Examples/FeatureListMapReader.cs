using System.Runtime.CompilerServices;

namespace SchemaGen.Examples;

/// <summary>
/// The feature lists of a serialized SequenceExample: a map from key to FeatureList, read in place. The
/// <c>feature_lists</c> field may occur several times (the maps merge); when a key repeats, its last entry wins.
/// </summary>
public readonly ref struct FeatureListMapReader
{
    private readonly ReadOnlySpan<byte> _message;

    /// <param name="message">A serialized SequenceExample.</param>
    internal FeatureListMapReader(ReadOnlySpan<byte> message)
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
        if (!MapEntry.TryFindLast(_message, WireFormat.Field2Delimited, utf8Key, out MapEntry entry))
        {
            featureList = default;
            return false;
        }

        featureList = new FeatureListReader(_message, new ErrorContext(entry.KeyStart, entry.KeyLength), entry.ValueStart, entry.ValueEnd);
        return true;
    }

    /// <summary>Finds a feature list by key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="featureList">The feature list (its last entry) when found.</param>
    /// <returns>True when the key is present, even with no steps.</returns>
    /// <exception cref="ExampleFormatException">The bytes are malformed.</exception>
    [SkipLocalsInit] // the stack buffer is written before it is read
    public bool TryGetFeatureList(string key, out FeatureListReader featureList)
    {
        using var utf8 = new Utf8KeyBuffer(key, stackalloc byte[256]);
        return TryGetFeatureList(utf8.Bytes, out featureList);
    }

    /// <summary>Enumerates the feature lists, each key once with its last value, in wire order of those last entries.</summary>
    /// <returns>An enumerator for <c>foreach</c>.</returns>
    /// <exception cref="ExampleFormatException">The bytes are malformed.</exception>
    public FeatureListEnumerator GetEnumerator() => new(new DistinctMapEntries(_message, WireFormat.Field2Delimited));

    /// <summary>Walks every map entry in wire order, duplicates included, with its key in UTF-8.</summary>
    /// <returns>An enumerator; keep the entries you need and read them with <see cref="GetFeatureList(in FeatureEntry)"/>.</returns>
    public FeatureEntryEnumerator EnumerateEntries() => new(_message, WireFormat.Field2Delimited);

    /// <summary>Reads an entry found by <see cref="EnumerateEntries"/> on these same feature lists.</summary>
    /// <param name="entry">An entry that was found (<see cref="FeatureEntry.Found"/>).</param>
    /// <returns>The feature list.</returns>
    /// <exception cref="ArgumentException">The entry was not found.</exception>
    /// <exception cref="ExampleFormatException">The bytes are malformed.</exception>
    public FeatureListReader GetFeatureList(in FeatureEntry entry)
    {
        if (!entry.Found)
        {
            throw new ArgumentException("The entry was not found: check FeatureEntry.Found first.", nameof(entry));
        }

        return new FeatureListReader(_message, new ErrorContext(entry.KeyStart, entry.KeyLength), entry.ValueStart, entry.ValueEnd);
    }
}
