using System.Runtime.CompilerServices;

namespace SchemaGen;

/// <summary>
/// One entry of a protobuf <c>map&lt;string, message&gt;</c>: where its key and value lie. Key and value may come in
/// either order, the last of each winning (as in Google.Protobuf); a missing key is "" and a missing value an empty
/// message; other fields are skipped.
/// </summary>
internal readonly struct MapEntry
{
    private MapEntry(int keyStart, int keyLength, int valueStart, int valueEnd)
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
    public static MapEntry Read(ReadOnlySpan<byte> buffer, int start, int end)
    {
        var entry = new WireCursor(buffer, start, end, ErrorContext.None);
        int keyStart = entry.Position;
        int keyLength = 0;
        int valueStart = entry.Position;
        int valueEnd = entry.Position;
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
    /// <remarks>Not inlined: its loops and locals would otherwise swell every caller's frame.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool TryFindLast(ReadOnlySpan<byte> message, byte mapTag, scoped ReadOnlySpan<byte> key, out MapEntry found)
    {
        found = default;
        bool any = false;
        var parent = new WireCursor(message);
        while (parent.HasMore)
        {
            uint tag = parent.ReadTag();
            if (tag != mapTag)
            {
                parent.SkipField(tag);
                continue;
            }

            WireCursor map = parent.ReadLengthDelimited();
            while (map.HasMore)
            {
                uint entryTag = map.ReadTag();
                if (entryTag != WireFormat.Field1Delimited)
                {
                    map.SkipField(entryTag);
                    continue;
                }

                WireCursor content = map.ReadLengthDelimited();
                MapEntry entry = Read(message, content.Position, content.End);
                if (entry.Key(message).SequenceEqual(key))
                {
                    found = entry;
                    any = true;
                }
            }
        }

        return any;
    }
}
