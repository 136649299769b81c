namespace SchemaGen;

/// <summary>
/// Walks the entries of a protobuf <c>map&lt;string, message&gt;</c> (Features.feature or FeatureLists.feature_list)
/// held in a field of a parent message, in wire order, duplicates included. The field may occur several times: protobuf
/// merges the occurrences, so their entries all count. Other fields are skipped.
/// </summary>
/// <remarks>Holds one span and positions, not cursors, so it stays small and cheap to copy.</remarks>
internal ref struct MapEntryWalker
{
    private readonly ReadOnlySpan<byte> _message;
    private readonly byte _mapTag;
    private int _parentPosition;
    private int _mapPosition;
    private int _mapEnd;

    /// <param name="message">The serialized parent message (Example or SequenceExample).</param>
    /// <param name="mapTag">The tag of the parent's field holding the map.</param>
    public MapEntryWalker(ReadOnlySpan<byte> message, byte mapTag)
    {
        _message = message;
        _mapTag = mapTag;
    }

    public readonly ReadOnlySpan<byte> Buffer => _message;

    /// <summary>The current entry.</summary>
    public MapEntry Current { get; private set; }

    /// <summary>The current entry's key.</summary>
    public readonly ReadOnlySpan<byte> Key => Current.Key(_message);

    public bool MoveNext()
    {
        var parent = new WireCursor(_message, _parentPosition, _message.Length, ErrorContext.None);
        var map = new WireCursor(_message, _mapPosition, _mapEnd, ErrorContext.None);
        while (true)
        {
            while (map.HasMore)
            {
                uint tag = map.ReadTag();
                if (tag == WireFormat.Field1Delimited)
                {
                    WireCursor content = map.ReadLengthDelimited();
                    Current = MapEntry.Read(_message, content.Position, content.End);
                    _parentPosition = parent.Position;
                    _mapPosition = map.Position;
                    _mapEnd = map.End;
                    return true;
                }

                map.SkipField(tag);
            }

            if (!parent.HasMore)
            {
                _parentPosition = parent.Position;
                _mapPosition = _mapEnd = 0;
                return false;
            }

            uint parentTag = parent.ReadTag();
            if (parentTag == _mapTag)
            {
                map = parent.ReadLengthDelimited();
            }
            else
            {
                parent.SkipField(parentTag);
            }
        }
    }
}
