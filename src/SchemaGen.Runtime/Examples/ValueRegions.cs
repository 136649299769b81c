using System.Runtime.CompilerServices;

namespace SchemaGen.Examples;

/// <summary>
/// Walks the value fields of a Feature's winning list: every list message of its kind from the start of the last run
/// of that kind (protobuf merges repeated occurrences of a oneof's current field), and in each, every value field.
/// Each region read is packed numbers, a single unpacked number (its varint or its 4 bytes), or one bytes value, so
/// numbers read the same way whether packed, unpacked or mixed. Fields of other numbers or wire types are skipped.
/// </summary>
/// <remarks>Holds one span and positions, not cursors, so enumerators built on it stay small and cheap to copy.</remarks>
internal ref struct ValueRegions
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly ErrorContext _context;
    private readonly FeatureKind _kind;
    private bool _singlePending;
    private int _featurePosition;
    private readonly int _featureEnd;
    private int _listPosition;
    private int _listEnd;

    /// <param name="buffer">The serialized record.</param>
    /// <param name="context">The feature's key, for errors.</param>
    /// <param name="start">Where the Feature's winning run starts, or the only region.</param>
    /// <param name="end">Where the Feature (or the only region) ends.</param>
    /// <param name="kind">The Feature's kind; <see cref="FeatureKind.None"/> walks nothing.</param>
    /// <param name="singleRegion">Whether <c>buffer[start..end]</c> is the only region, found when the Feature was checked.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ValueRegions(ReadOnlySpan<byte> buffer, ErrorContext context, int start, int end, FeatureKind kind, bool singleRegion)
    {
        _buffer = buffer;
        _context = context;
        _kind = kind;
        if (kind != FeatureKind.None)
        {
            // A single region waits in the Feature's place.
            _featurePosition = start;
            _featureEnd = end;
            _singlePending = singleRegion;
        }
    }

    public readonly ReadOnlySpan<byte> Buffer => _buffer;

    public readonly ErrorContext Context => _context;

    /// <summary>
    /// The tag of one unpacked value in a list of this kind. Bytes values are always length-delimited: their tag,
    /// already matched before this one is tried, stands in so that no other tag matches.
    /// </summary>
    public static uint UnpackedTag(FeatureKind kind) => kind switch
    {
        FeatureKind.Int64List => WireFormat.Field1Varint,
        FeatureKind.FloatList => WireFormat.Field1Fixed32,
        _ => WireFormat.Field1Delimited,
    };

    /// <summary>Moves to the next region: <c>Buffer[start..end]</c>. An empty region still counts (an empty bytes value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MoveNext(out int start, out int end)
    {
        if (_singlePending)
        {
            _singlePending = false;
            start = _featurePosition;
            end = _featureEnd;
            _featurePosition = _featureEnd;
            return true;
        }

        if (_listPosition == _listEnd && _featurePosition == _featureEnd)
        {
            start = end = 0;
            return false;
        }

        return MoveNextField(out start, out end);
    }

    private bool MoveNextField(out int start, out int end)
    {
        uint listTag = ((uint)_kind << 3) | WireFormat.LengthDelimited;
        uint unpackedTag = UnpackedTag(_kind);
        var feature = new WireCursor(_buffer, _featurePosition, _featureEnd, _context);
        var list = new WireCursor(_buffer, _listPosition, _listEnd, _context);
        while (true)
        {
            while (list.HasMore)
            {
                uint tag = list.ReadTag();
                WireCursor region;
                if (tag == WireFormat.Field1Delimited)
                {
                    region = list.ReadLengthDelimited();
                }
                else if (tag == unpackedTag)
                {
                    region = tag == WireFormat.Field1Varint ? list.ReadVarintBytes() : list.ReadFixed32Bytes();
                }
                else
                {
                    list.SkipField(tag);
                    continue;
                }

                _featurePosition = feature.Position;
                _listPosition = list.Position;
                _listEnd = list.End;
                start = region.Position;
                end = region.End;
                return true;
            }

            if (!feature.HasMore)
            {
                _featurePosition = feature.Position;
                _listPosition = _listEnd = 0;
                start = end = 0;
                return false;
            }

            uint featureTag = feature.ReadTag();
            if (featureTag == listTag)
            {
                list = feature.ReadLengthDelimited();
            }
            else
            {
                feature.SkipField(featureTag);
            }
        }
    }
}
