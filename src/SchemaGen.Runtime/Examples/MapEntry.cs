using System.Runtime.CompilerServices;

namespace SchemaGen.Examples;

/// <summary>
/// One entry of a protobuf <c>map&lt;string, message&gt;</c>: where its key and value lie. Key and value may come in
/// either order, the last of each winning (as in Google.Protobuf); a missing key is "" and a missing value an empty
/// message; other fields are skipped.
/// </summary>
internal readonly struct MapEntry
{
    public MapEntry(int keyStart, int keyLength, int valueStart, int valueEnd)
    {
        KeyStart = keyStart;
        KeyLength = keyLength;
        ValueStart = valueStart;
        ValueEnd = valueEnd;
    }

    public int KeyStart { get; }

    public int KeyLength { get; }

    public int ValueStart { get; }

    public int ValueEnd { get; }

    public ReadOnlySpan<byte> Key(ReadOnlySpan<byte> buffer) => buffer.Slice(KeyStart, KeyLength);

    /// <summary>Reads the entry whose content is <c>buffer[start..end]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static MapEntry Read(ReadOnlySpan<byte> buffer, int start, int end) =>
        TryReadKeyThenValue(buffer, start, end, out int keyStart, out int keyLength, out int valueStart)
            ? new MapEntry(keyStart, keyLength, valueStart, end)
            : ReadAnyOrder(buffer, start, end);

    /// <summary>
    /// Reads an entry in the form writers emit: the key field then the value field, filling the entry (so the value
    /// ends at <paramref name="end"/>), their lengths under 2 MiB. False for any other form, which
    /// <see cref="Read"/> reads in full.
    /// </summary>
    /// <remarks>Returns scalars, not a <see cref="MapEntry"/>, so callers keep them in registers.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryReadKeyThenValue(ReadOnlySpan<byte> buffer, int start, int end, out int keyStart, out int keyLength, out int valueStart)
    {
        ReadOnlySpan<byte> content = buffer[start..end];
        int position = 1;
        if (content.Length >= 4 && content[0] == WireFormat.Field1Delimited)
        {
            keyLength = WireFormat.ReadShortLength(content, ref position);
            keyStart = start + position;
            position += keyLength;
            if (keyLength >= 0 && (uint)position < (uint)content.Length && content[position] == WireFormat.Field2Delimited)
            {
                position++;
                int valueLength = WireFormat.ReadShortLength(content, ref position);
                valueStart = start + position;
                if (valueLength >= 0 && position + valueLength == content.Length)
                {
                    return true;
                }
            }
        }

        keyStart = keyLength = valueStart = 0;
        return false;
    }

    /// <summary>Reads an entry in any form protobuf accepts.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static MapEntry ReadAnyOrder(ReadOnlySpan<byte> buffer, int start, int end)
    {
        var entry = new WireCursor(buffer, start, end, ErrorContext.None);
        int keyStart = start;
        int keyLength = 0;
        int valueStart = start;
        int valueEnd = start;
        while (entry.HasMore)
        {
            uint tag = entry.ReadTag();
            if (tag == WireFormat.Field1Delimited)
            {
                WireCursor key = entry.ReadLengthDelimited();
                keyStart = key.Position;
                keyLength = key.End - key.Position;
            }
            else if (tag == WireFormat.Field2Delimited)
            {
                WireCursor value = entry.ReadLengthDelimited();
                valueStart = value.Position;
                valueEnd = value.End;
            }
            else
            {
                entry.SkipField(tag);
            }
        }

        return new MapEntry(keyStart, keyLength, valueStart, valueEnd);
    }

    /// <summary>
    /// Finds the last entry with <paramref name="key"/> in the map held by the <paramref name="mapTag"/> field of
    /// <paramref name="message"/>, over every occurrence of that field (protobuf merges them).
    /// </summary>
    /// <remarks>Inlined into the readers' lookups, which are not inlined themselves.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryFindLast(ReadOnlySpan<byte> message, byte mapTag, scoped ReadOnlySpan<byte> key, out MapEntry found)
    {
        if (TryFindLastAsWritten(message, mapTag, key, out found, out bool any))
        {
            return any;
        }

        return TryFindLastAnyLayout(message, mapTag, key, out found);
    }

    /// <summary>
    /// The lookup for messages as writers emit them: the map's field alone fills the message and every entry is read
    /// by <see cref="TryReadKeyThenValue"/>. Few live values, so the loop stays in registers.
    /// </summary>
    /// <returns>False when the message is in another form (or malformed): the general walk then starts over.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryFindLastAsWritten(ReadOnlySpan<byte> message, byte mapTag, scoped ReadOnlySpan<byte> key, out MapEntry found, out bool any)
    {
        found = default;
        any = false;
        if (message.Length < 2 || message[0] != mapTag)
        {
            return false;
        }

        int position = 1;
        int mapLength = WireFormat.ReadShortLength(message, ref position);
        if (mapLength != message.Length - position)
        {
            return false;
        }

        while (position < message.Length)
        {
            if (message[position] != WireFormat.Field1Delimited)
            {
                return false;
            }

            position++;
            int length = WireFormat.ReadShortLength(message, ref position);
            int end = position + length;
            if ((uint)length > (uint)(message.Length - position) || !TryReadKeyThenValue(message, position, end, out int keyStart, out int keyLength, out int valueStart))
            {
                return false;
            }

            position = end;
            if (message.Slice(keyStart, keyLength).SequenceEqual(key))
            {
                found = new MapEntry(keyStart, keyLength, valueStart, end);
                any = true;
            }
        }

        return true;
    }

    /// <summary>The lookup for messages in any form protobuf accepts.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryFindLastAnyLayout(ReadOnlySpan<byte> message, byte mapTag, scoped ReadOnlySpan<byte> key, out MapEntry found)
    {
        found = default;
        bool any = false;
        var entries = new MapEntryWalker(message, mapTag);
        while (entries.MoveNext())
        {
            if (entries.Key.SequenceEqual(key))
            {
                found = entries.Current;
                any = true;
            }
        }

        return any;
    }
}
