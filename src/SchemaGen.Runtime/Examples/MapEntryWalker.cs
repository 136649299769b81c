namespace SchemaGen;

/// <summary>
/// Walks the entries of a protobuf <c>map&lt;string, message&gt;</c> (Features.feature or FeatureLists.feature_list)
/// held in a field of a parent message, in wire order, duplicates included. The field may occur several times: protobuf
/// merges the occurrences, so their entries all count. In an entry the key and value may come in either order (the last
/// of each wins, as in Google.Protobuf); a missing key is "" and a missing value an empty message. Other fields are skipped.
/// </summary>
internal ref struct MapEntryWalker
{
    private readonly byte _mapTag;
    private WireCursor _parent;
    private WireCursor _map;

    /// <param name="message">The serialized parent message (Example or SequenceExample).</param>
    /// <param name="mapTag">The tag of the parent's field holding the map.</param>
    public MapEntryWalker(ReadOnlySpan<byte> message, byte mapTag)
    {
        _mapTag = mapTag;
        _parent = new WireCursor(message);
        _map = new WireCursor(message, 0, 0, -1, 0);
    }

    public readonly ReadOnlySpan<byte> Buffer => _parent.Buffer;

    /// <summary>Offset of the current entry's key.</summary>
    public int KeyStart { get; private set; }

    /// <summary>Length of the current entry's key.</summary>
    public int KeyLength { get; private set; }

    /// <summary>Offset of the current entry's value message.</summary>
    public int ValueStart { get; private set; }

    /// <summary>End of the current entry's value message.</summary>
    public int ValueEnd { get; private set; }

    /// <summary>The current entry's key.</summary>
    public readonly ReadOnlySpan<byte> Key => _parent.Buffer.Slice(KeyStart, KeyLength);

    public bool MoveNext()
    {
        while (true)
        {
            while (_map.HasMore)
            {
                uint tag = _map.ReadTag();
                if (tag == WireFormat.Field1Delimited)
                {
                    ReadEntry(_map.ReadLengthDelimited());
                    return true;
                }

                _map.SkipField(tag);
            }

            if (!_parent.HasMore)
            {
                return false;
            }

            uint parentTag = _parent.ReadTag();
            if (parentTag == _mapTag)
            {
                _map = _parent.ReadLengthDelimited();
            }
            else
            {
                _parent.SkipField(parentTag);
            }
        }
    }

    private void ReadEntry(WireCursor entry)
    {
        KeyStart = entry.Position;
        KeyLength = 0;
        ValueStart = entry.Position;
        ValueEnd = entry.Position;
        while (entry.HasMore)
        {
            uint tag = entry.ReadTag();
            if (tag == WireFormat.Field1Delimited)
            {
                WireCursor key = entry.ReadLengthDelimited();
                KeyStart = key.Position;
                KeyLength = key.End - key.Position;
            }
            else if (tag == WireFormat.Field2Delimited)
            {
                WireCursor value = entry.ReadLengthDelimited();
                ValueStart = value.Position;
                ValueEnd = value.End;
            }
            else
            {
                entry.SkipField(tag);
            }
        }
    }
}
