namespace SchemaGen;

/// <summary>
/// One map entry of an Example's features, as <see cref="FeaturesReader.EnumerateEntries"/> finds it: its key, with
/// its Feature read only when asked for.
/// </summary>
public readonly ref struct FeatureEntry
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly MapEntry _entry;

    internal FeatureEntry(ReadOnlySpan<byte> buffer, MapEntry entry)
    {
        _buffer = buffer;
        _entry = entry;
    }

    /// <summary>The entry's key in UTF-8.</summary>
    public ReadOnlySpan<byte> Key => _entry.Key(_buffer);

    /// <summary>Reads and checks the entry's Feature (it may have no kind).</summary>
    /// <returns>The feature.</returns>
    /// <exception cref="ExampleFormatException">The Feature's bytes are malformed.</exception>
    public FeatureReader ReadFeature() =>
        new(_buffer, new ErrorContext(_entry.KeyStart, _entry.KeyLength), _entry.ValueStart, _entry.ValueEnd);
}
