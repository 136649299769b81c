using System.Runtime.CompilerServices;

namespace SchemaGen.Examples;

/// <summary>
/// Walks the entries of a features map (or a feature lists map) in wire order, duplicates included, exposing each
/// key as UTF-8 bytes. This is the primitive a schema-driven parser needs: match each key against the keys it knows,
/// keep the <see cref="Current"/> entry of each (so the last duplicate wins, as in protobuf), then read the kept
/// entries. Nothing is allocated and no value is decoded while walking.
/// </summary>
/// <example>
/// <code>
/// FeatureEntry label = default;
/// var entries = example.Features.EnumerateEntries();
/// while (entries.MoveNext())
/// {
///     if (entries.CurrentKey.SequenceEqual("label"u8)) label = entries.Current;
/// }
/// if (example.Features.TryGetFeature(label, out FeatureReader feature)) { … }
/// </code>
/// </example>
public ref struct FeatureEntryEnumerator
{
    private MapEntryWalker _walker;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal FeatureEntryEnumerator(ReadOnlySpan<byte> message, byte mapTag)
    {
        _walker = new MapEntryWalker(message, mapTag);
    }

    /// <summary>The current entry's key in UTF-8.</summary>
    public readonly ReadOnlySpan<byte> CurrentKey => _walker.Key;

    /// <summary>The current entry, to keep and read later.</summary>
    public readonly FeatureEntry Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            MapEntry entry = _walker.Current;
            return new(entry.KeyStart, entry.KeyLength, entry.ValueStart, entry.ValueEnd);
        }
    }

    /// <summary>Returns this enumerator, for <c>foreach</c> over <see cref="Current"/>.</summary>
    /// <returns>This enumerator.</returns>
    public readonly FeatureEntryEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next entry.</summary>
    /// <returns>False after the last entry.</returns>
    /// <exception cref="ExampleFormatException">The bytes are malformed.</exception>
    public bool MoveNext() => _walker.MoveNext();
}
