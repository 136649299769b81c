using System.Runtime.CompilerServices;

namespace SchemaGen.Examples;

/// <summary>
/// The features of a serialized Example, or the context of a SequenceExample: a map from key to Feature, read in
/// place. Both messages hold their Features as field 1, possibly several times (the maps merge); when a key repeats,
/// its last entry wins, in lookups and in enumeration alike.
/// </summary>
public readonly ref struct FeatureMapReader
{
    private readonly ReadOnlySpan<byte> _message;

    /// <param name="message">A serialized Example or SequenceExample.</param>
    internal FeatureMapReader(ReadOnlySpan<byte> message)
    {
        _message = message;
    }

    /// <summary>Finds a feature by key.</summary>
    /// <param name="utf8Key">The key in UTF-8.</param>
    /// <param name="feature">The feature (its last entry) when found.</param>
    /// <returns>True when the key is present with a kind set; a Feature with no kind counts as missing.</returns>
    /// <exception cref="ExampleFormatException">The bytes are malformed.</exception>
    [MethodImpl(MethodImplOptions.NoInlining)] // keeps the walk's locals out of callers' frames
    public bool TryGetFeature(scoped ReadOnlySpan<byte> utf8Key, out FeatureReader feature)
    {
        if (!MapEntry.TryFindLast(_message, WireFormat.Field1Delimited, utf8Key, out MapEntry entry))
        {
            feature = default;
            return false;
        }

        feature = new FeatureReader(_message, new ErrorContext(entry.KeyStart, entry.KeyLength), entry.ValueStart, entry.ValueEnd);
        return feature.Kind != FeatureKind.None;
    }

    /// <summary>Finds a feature by key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="feature">The feature (its last entry) when found.</param>
    /// <returns>True when the key is present with a kind set; a Feature with no kind counts as missing.</returns>
    /// <exception cref="ExampleFormatException">The bytes are malformed.</exception>
    [SkipLocalsInit] // the stack buffer is written before it is read
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

    /// <summary>Walks every map entry in wire order, duplicates included, with its key in UTF-8.</summary>
    /// <returns>An enumerator; keep the entries you need and read them with <see cref="TryGetFeature(in FeatureEntry, out FeatureReader)"/>.</returns>
    public FeatureEntryEnumerator EnumerateEntries() => new(_message, WireFormat.Field1Delimited);

    /// <summary>Reads an entry found by <see cref="EnumerateEntries"/> on these same features.</summary>
    /// <param name="entry">The entry, or <c>default</c> for one that was not found.</param>
    /// <param name="feature">The feature when found.</param>
    /// <returns>True when the entry was found and its Feature has a kind set; a Feature with no kind counts as missing.</returns>
    /// <exception cref="ExampleFormatException">The Feature's bytes are malformed.</exception>
    public bool TryGetFeature(in FeatureEntry entry, out FeatureReader feature)
    {
        if (!entry.Found)
        {
            feature = default;
            return false;
        }

        feature = new FeatureReader(_message, new ErrorContext(entry.KeyStart, entry.KeyLength), entry.ValueStart, entry.ValueEnd);
        return feature.Kind != FeatureKind.None;
    }
}
