using System.Runtime.CompilerServices;

namespace SchemaGen.Examples;

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
    private int _keyStart;
    private int _keyLength;
    private int _valueStart;
    private int _valueEnd;

    /// <param name="message">The serialized parent message (Example or SequenceExample).</param>
    /// <param name="mapTag">The tag of the parent's field holding the map.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MapEntryWalker(ReadOnlySpan<byte> message, byte mapTag)
    {
        _message = message;
        _mapTag = mapTag;

        // What writers emit: the map's field alone fills the message, so the walk starts in it and ends with it.
        int position = 1;
        if (message.Length >= 2 && message[0] == mapTag)
        {
            int length = WireFormat.ReadShortLength(message, ref position);
            if (length >= 0 && position + length == message.Length)
            {
                _parentPosition = message.Length;
                _mapPosition = position;
                _mapEnd = message.Length;
            }
        }
    }

    public readonly ReadOnlySpan<byte> Buffer => _message;

    /// <summary>The current entry.</summary>
    public readonly MapEntry Current => new(_keyStart, _keyLength, _valueStart, _valueEnd);

    /// <summary>The current entry's key.</summary>
    public readonly ReadOnlySpan<byte> Key => _message.Slice(_keyStart, _keyLength);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MoveNext()
    {
        // What writers emit: the next field is an entry, its length under 2 MiB.
        ReadOnlySpan<byte> map = _message[.._mapEnd];
        int position = _mapPosition;
        if ((uint)position < (uint)map.Length && map[position] == WireFormat.Field1Delimited)
        {
            position++;
            int length = WireFormat.ReadShortLength(map, ref position);
            int end = position + length;
            if ((uint)length <= (uint)(map.Length - position)
                && MapEntry.TryReadKeyThenValue(_message, position, end, out _keyStart, out _keyLength, out _valueStart))
            {
                _mapPosition = _valueEnd = end;
                return true;
            }
        }

        if (_mapPosition == _mapEnd && _parentPosition == _message.Length)
        {
            return false;
        }

        (bool moved, _parentPosition, _mapPosition, _mapEnd, MapEntry current) = MoveNextField(_message, _mapTag, _parentPosition, _mapPosition, _mapEnd);
        (_keyStart, _keyLength, _valueStart, _valueEnd) = (current.KeyStart, current.KeyLength, current.ValueStart, current.ValueEnd);
        return moved;
    }

    /// <summary>Moves to the next entry field through anything else: other fields, the next map, the end.</summary>
    /// <remarks>Static and returning the new state, so that callers keep a walker in registers.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (bool Moved, int ParentPosition, int MapPosition, int MapEnd, MapEntry Current) MoveNextField(
        ReadOnlySpan<byte> message, byte mapTag, int parentPosition, int mapPosition, int mapEnd)
    {
        var parent = new WireCursor(message, parentPosition, message.Length, ErrorContext.None);
        var map = new WireCursor(message, mapPosition, mapEnd, ErrorContext.None);
        while (true)
        {
            while (map.HasMore)
            {
                uint tag = map.ReadTag();
                if (tag == WireFormat.Field1Delimited)
                {
                    WireCursor content = map.ReadLengthDelimited();
                    return (true, parent.Position, map.Position, map.End, MapEntry.Read(message, content.Position, content.End));
                }

                map.SkipField(tag);
            }

            if (!parent.HasMore)
            {
                return (false, parent.Position, 0, 0, default);
            }

            uint parentTag = parent.ReadTag();
            if (parentTag == mapTag)
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
