namespace SchemaGen;

/// <summary>
/// Walks the value fields of a Feature's winning list: every list message of its kind from the start of the last run
/// of that kind (protobuf merges repeated occurrences of a oneof's current field), and in each, every value field.
/// Each region read is packed numbers, a single unpacked number (its varint or its 4 bytes), or one bytes value, so
/// numbers read the same way whether packed, unpacked or mixed. Fields of other numbers or wire types are skipped.
/// </summary>
internal ref struct ValueRegions
{
    private readonly uint _listTag;
    private readonly uint _unpackedTag;
    private WireCursor _feature;
    private WireCursor _list;

    /// <param name="feature">A cursor over the Feature from its winning run's first field.</param>
    /// <param name="kind">The Feature's kind; <see cref="FeatureKind.None"/> walks nothing.</param>
    public ValueRegions(WireCursor feature, FeatureKind kind)
    {
        _listTag = ((uint)kind << 3) | WireFormat.LengthDelimited;
        _unpackedTag = kind switch
        {
            FeatureKind.Int64List => WireFormat.Field1Varint,
            FeatureKind.FloatList => WireFormat.Field1Fixed32,
            _ => 0, // bytes values are always length-delimited
        };
        var empty = new WireCursor(feature.Buffer, 0, 0, -1, 0);
        _feature = kind == FeatureKind.None ? empty : feature;
        _list = empty;
    }

    public bool MoveNext(out WireCursor region)
    {
        while (true)
        {
            while (_list.HasMore)
            {
                uint tag = _list.ReadTag();
                if (tag == WireFormat.Field1Delimited)
                {
                    region = _list.ReadLengthDelimited();
                    return true;
                }

                if (tag == _unpackedTag)
                {
                    region = tag == WireFormat.Field1Varint ? _list.ReadVarintBytes() : _list.ReadFixed32Bytes();
                    return true;
                }

                _list.SkipField(tag);
            }

            if (!_feature.HasMore)
            {
                region = default;
                return false;
            }

            uint featureTag = _feature.ReadTag();
            if (featureTag == _listTag)
            {
                _list = _feature.ReadLengthDelimited();
            }
            else
            {
                _feature.SkipField(featureTag);
            }
        }
    }
}
