using System.Runtime.CompilerServices;
using System.Text;

namespace SchemaGen.Examples;

/// <summary>
/// What reading a Feature found: its kind, how many values it holds, and where they are. Finding it checks the whole
/// Feature, so later reads of its values cannot fail.
/// </summary>
internal readonly struct FeatureLayout
{
    private FeatureLayout(FeatureKind kind, int count, int start, int end, bool singleRegion)
    {
        Kind = kind;
        Count = count;
        Start = start;
        End = end;
        SingleRegion = singleRegion;
    }

    public FeatureKind Kind { get; }

    public int Count { get; }

    /// <summary>Start of the only value region, or of the run of list fields holding the values.</summary>
    public int Start { get; }

    /// <summary>End of the only value region, or of the Feature.</summary>
    public int End { get; }

    /// <summary>Whether <see cref="Start"/>..<see cref="End"/> is the only value region (canonical data: no walk needed).</summary>
    public bool SingleRegion { get; }

    /// <summary>Reads and checks the Feature at <c>buffer[start..end]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FeatureLayout Read(ReadOnlySpan<byte> buffer, ErrorContext key, int start, int end)
    {
        // What writers emit: one list field filling the Feature, holding one value field filling the list (packed
        // numbers, or a single bytes value). Anything else takes the general walk.
        ReadOnlySpan<byte> feature = buffer[start..end];
        int position = 1;
        if (feature.Length >= 4)
        {
            FeatureKind kind = KindOf(feature[0]);
            int listLength = WireFormat.ReadShortLength(feature, ref position);
            if (kind != FeatureKind.None && listLength > 0 && position + listLength == feature.Length && feature[position] == WireFormat.Field1Delimited)
            {
                position++;
                int valuesLength = WireFormat.ReadShortLength(feature, ref position);
                if (valuesLength >= 0 && position + valuesLength == feature.Length)
                {
                    int valuesStart = start + position;
                    int count = kind == FeatureKind.BytesList ? 1
                        : kind == FeatureKind.Int64List && valuesLength == 1 && feature[position] < 0x80 ? 1 // one small integer: a label
                        : CountRegion(buffer, valuesStart, end, kind, key);
                    return new FeatureLayout(kind, count, valuesStart, end, singleRegion: true);
                }
            }
        }

        return ReadAnyEncoding(buffer, key, start, end);
    }

    /// <summary>Reads a Feature in any encoding protobuf accepts.</summary>
    /// <remarks>Not inlined: its loops and locals would otherwise swell every caller's frame.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static FeatureLayout ReadAnyEncoding(ReadOnlySpan<byte> buffer, ErrorContext key, int start, int end)
    {
        var feature = new WireCursor(buffer, start, end, key);

        // One pass: the last kind field decides the kind, and the values are those of the run of that kind from
        // where it began (protobuf merges repeated occurrences of the oneof's field); a field of another kind
        // starts the count over.
        FeatureKind kind = FeatureKind.None;
        int runStart = start;
        int count = 0;
        int regions = 0;
        int firstStart = 0;
        int firstEnd = 0;
        while (feature.HasMore)
        {
            int fieldStart = feature.Position;
            uint tag = feature.ReadTag();
            FeatureKind fieldKind = KindOf(tag);
            if (fieldKind == FeatureKind.None)
            {
                feature.SkipField(tag);
                continue;
            }

            if (fieldKind != kind)
            {
                kind = fieldKind;
                runStart = fieldStart;
                count = 0;
                regions = 0;
            }

            WireCursor list = feature.ReadLengthDelimited();
            count += CountList(buffer, list.Position, list.End, kind, key, ref regions, ref firstStart, ref firstEnd);
        }

        return regions == 1
            ? new FeatureLayout(kind, count, firstStart, firstEnd, singleRegion: true)
            : new FeatureLayout(kind, count, runStart, end, singleRegion: false);
    }

    /// <summary>Counts (and so checks) the values of one list message, noting the first region and how many there are.</summary>
    private static int CountList(ReadOnlySpan<byte> buffer, int start, int end, FeatureKind kind, ErrorContext key, ref int regions, ref int firstStart, ref int firstEnd)
    {
        var list = new WireCursor(buffer, start, end, key);
        uint unpackedTag = ValueRegions.UnpackedTag(kind);
        int count = 0;
        while (list.HasMore)
        {
            uint tag = list.ReadTag();
            WireCursor region;
            if (tag == WireFormat.Field1Delimited)
            {
                region = list.ReadLengthDelimited();
                count += CountRegion(buffer, region.Position, region.End, kind, key);
            }
            else if (tag == unpackedTag)
            {
                region = tag == WireFormat.Field1Varint ? list.ReadVarintBytes() : list.ReadFixed32Bytes();
                count++;
            }
            else
            {
                list.SkipField(tag);
                continue;
            }

            if (regions++ == 0)
            {
                firstStart = region.Position;
                firstEnd = region.End;
            }
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FeatureKind KindOf(uint tag) => tag switch
    {
        WireFormat.Field1Delimited => FeatureKind.BytesList,
        WireFormat.Field2Delimited => FeatureKind.FloatList,
        WireFormat.Field3Delimited => FeatureKind.Int64List,
        _ => FeatureKind.None,
    };

    /// <summary>Counts the values in one region: one bytes value, or packed numbers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CountRegion(ReadOnlySpan<byte> buffer, int start, int end, FeatureKind kind, ErrorContext key)
    {
        int length = end - start;
        switch (kind)
        {
            case FeatureKind.BytesList:
                return 1;
            case FeatureKind.FloatList:
                if (length % sizeof(float) != 0)
                {
                    ExampleThrowHelper.ThrowPackedFloatLength(buffer, start, length, key);
                }

                return length / sizeof(float);
            default:
                return CountVarints(buffer, start, end, key);
        }
    }

    /// <summary>Counts the varints in a region by their last bytes; a malformed one is decoded to report it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int CountVarints(ReadOnlySpan<byte> buffer, int start, int end, ErrorContext key)
    {
        ReadOnlySpan<byte> bytes = buffer[start..end];
        if (Ascii.IsValid(bytes))
        {
            return bytes.Length; // all one-byte varints
        }

        int count = 0;
        int continuations = 0;
        foreach (byte b in bytes)
        {
            if (b < 0x80)
            {
                count++;
                continuations = 0;
            }
            else if (++continuations == 10)
            {
                break;
            }
        }

        if (continuations != 0)
        {
            var values = new WireCursor(buffer, start, end, key);
            while (values.HasMore)
            {
                values.ReadVarint(); // throws at the truncated or over-long varint
            }
        }

        return count;
    }
}
