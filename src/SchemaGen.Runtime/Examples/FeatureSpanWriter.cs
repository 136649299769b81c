using static SchemaGen.Examples.WireFormat;
using static SchemaGen.Examples.WireWriting;

namespace SchemaGen.Examples;

/// <summary>
/// The engine behind <see cref="ExampleWriter"/> and <see cref="SequenceExampleWriter"/>: writes Features and
/// FeatureLists map entries in ascending key order, and FeatureList steps, into one span. Room is checked once per
/// entry or step against the current limit (the destination's end, or a length the caller declared).
/// </summary>
// One Write method per feature kind (what the typed writers expose): alike by design, each a size and a copy.
internal ref struct FeatureSpanWriter
{
    private readonly Span<byte> _buffer;
    private int _position;
    private int _limit;
    private WriteLimit _limitKind;
    private int _previousKeyStart;
    private int _previousKeyLength;

    public FeatureSpanWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _limit = buffer.Length;
        _limitKind = WriteLimit.Destination;
        _previousKeyLength = -1;
    }

    /// <summary>Stops all further writes.</summary>
    public void Close()
    {
        _limit = _position;
        _limitKind = WriteLimit.Completed;
    }

    /// <summary>Opens a Features or FeatureLists message; its entries restart the key order.</summary>
    public MessageSection OpenSection(byte tag, int declaredLength, WriteLimit declaredLimitKind)
    {
        int tagPosition = _position;
        int start;
        if (declaredLength >= 0)
        {
            EnsureRoom(1L + VarintSize((uint)declaredLength) + declaredLength);
            start = WriteHeader(_buffer, tagPosition, tag, declaredLength);
        }
        else
        {
            // The content cannot outgrow the room left, so a prefix sized for the room always fits.
            int prefixSize = VarintSize((uint)(_limit - _position));
            EnsureRoom(1 + prefixSize);
            _buffer[tagPosition] = tag;
            start = tagPosition + 1 + prefixSize;
        }

        var section = new MessageSection(tagPosition, start, declaredLength, _limitKind, _limit);
        _position = start;
        _previousKeyLength = -1;
        if (declaredLength >= 0)
        {
            SetLimit(declaredLimitKind, start + declaredLength);
        }

        return section;
    }

    /// <summary>Closes a section: checks a declared length, or writes the found length and moves the content back.</summary>
    /// <returns>The position after the section.</returns>
    public int CloseSection(in MessageSection section, WriteLimit declaredLimitKind)
    {
        int length = _position - section.Start;
        if (section.DeclaredLength >= 0)
        {
            if (length != section.DeclaredLength)
            {
                ExampleThrowHelper.ThrowLengthMismatch(declaredLimitKind, section.DeclaredLength, length);
            }
        }
        else
        {
            int contentStart = WriteVarint(_buffer, section.TagPosition + 1, (uint)length);
            MoveBack(section.Start, length, contentStart);
            _position = contentStart + length;
        }

        SetLimit(section.OuterLimitKind, section.OuterLimit);
        return _position;
    }

    /// <summary>Opens a FeatureLists entry whose value, a FeatureList, is then written step by step.</summary>
    public OpenEntry OpenEntry(scoped EntryKey key, int declaredLength)
    {
        int tagPosition = _position;
        int keyFieldLength = DelimitedSize(key.ByteCount);
        WriteLimit outerKind = _limitKind;
        int outerLimit = _limit;
        if (declaredLength >= 0)
        {
            BeginEntry(key, declaredLength);
            var declared = new OpenEntry(tagPosition, -1, keyFieldLength, _position, declaredLength, outerKind, outerLimit);
            SetLimit(WriteLimit.FeatureListLength, _position + declaredLength);
            return declared;
        }

        int prefixSize = VarintSize((uint)(_limit - _position));
        EnsureRoom(1L + prefixSize + keyFieldLength + 1 + prefixSize);
        _buffer[tagPosition] = Field1Delimited;
        int keyFieldStart = tagPosition + 1 + prefixSize;
        int position = WriteKey(keyFieldStart, key);
        _buffer[position] = Field2Delimited;
        _position = position + 1 + prefixSize;
        return new OpenEntry(tagPosition, keyFieldStart, keyFieldLength, _position, -1, outerKind, outerLimit);
    }

    /// <summary>Closes an entry opened by <see cref="OpenEntry"/>.</summary>
    public void CloseEntry(in OpenEntry entry)
    {
        int valueLength = _position - entry.ValueStart;
        if (entry.DeclaredLength >= 0)
        {
            if (valueLength != entry.DeclaredLength)
            {
                ExampleThrowHelper.ThrowLengthMismatch(WriteLimit.FeatureListLength, entry.DeclaredLength, valueLength);
            }

            SetLimit(entry.OuterLimitKind, entry.OuterLimit);
            return;
        }

        // Left to right: each part moves back into room the parts before it no longer need.
        int entryLength = entry.KeyFieldLength + 1 + VarintSize((uint)valueLength) + valueLength;
        int keyFieldStart = WriteVarint(_buffer, entry.TagPosition + 1, (uint)entryLength);
        MoveBack(entry.KeyFieldStart, entry.KeyFieldLength, keyFieldStart);
        _previousKeyStart -= entry.KeyFieldStart - keyFieldStart;
        int valueStart = WriteHeader(_buffer, keyFieldStart + entry.KeyFieldLength, Field2Delimited, valueLength);
        MoveBack(entry.ValueStart, valueLength, valueStart);
        _position = valueStart + valueLength;
        SetLimit(entry.OuterLimitKind, entry.OuterLimit);
    }

    public void WriteBytes(scoped EntryKey key, scoped ReadOnlySpan<byte> value)
    {
        BeginFeature(key, FeatureEncoder.BytesLength(value.Length));
        _position = FeatureEncoder.WriteBytes(_buffer, _position, value);
    }

    public void WriteBytesList(scoped EntryKey key, scoped ReadOnlySpan<byte[]> values)
    {
        BeginFeature(key, FeatureEncoder.BytesListLength(values, out int listLength));
        _position = FeatureEncoder.WriteBytesList(_buffer, _position, values, listLength);
    }

    public void WriteString(scoped EntryKey key, scoped ReadOnlySpan<char> value)
    {
        BeginFeature(key, FeatureEncoder.StringLength(value, out int byteCount));
        _position = FeatureEncoder.WriteString(_buffer, _position, value, byteCount);
    }

    public void WriteStringList(scoped EntryKey key, scoped ReadOnlySpan<string> values)
    {
        BeginFeature(key, FeatureEncoder.StringListLength(values, out int listLength));
        _position = FeatureEncoder.WriteStringList(_buffer, _position, values, listLength);
    }

    public void WriteInt64List(scoped EntryKey key, scoped ReadOnlySpan<long> values)
    {
        BeginFeature(key, FeatureEncoder.Int64ListLength(values, out int packedLength));
        _position = FeatureEncoder.WriteInt64List(_buffer, _position, values, packedLength);
    }

    public void WriteFloatList(scoped EntryKey key, scoped ReadOnlySpan<float> values)
    {
        BeginFeature(key, FeatureEncoder.FloatListLength(values.Length));
        _position = FeatureEncoder.WriteFloatList(_buffer, _position, values);
    }

    /// <summary>Writes a Feature with no kind: an empty message.</summary>
    public void WriteEmpty(scoped EntryKey key) => BeginFeature(key, 0);

    private void BeginFeature(scoped EntryKey key, int featureLength)
    {
        if (key.IsStep)
        {
            EnsureRoom(1L + VarintSize((uint)featureLength) + featureLength);
            _position = WriteHeader(_buffer, _position, Field1Delimited, featureLength);
        }
        else
        {
            BeginEntry(key, featureLength);
        }
    }

    /// <summary>Writes a map entry's tag and length, its key, and its value's tag and length.</summary>
    private void BeginEntry(scoped EntryKey key, int valueLength)
    {
        int entryLength = ExampleSize.EntryLength(key.ByteCount, valueLength);
        EnsureRoom(1L + VarintSize((uint)entryLength) + entryLength);
        int position = WriteHeader(_buffer, _position, Field1Delimited, entryLength);
        position = WriteKey(position, key);
        _position = WriteHeader(_buffer, position, Field2Delimited, valueLength);
    }

    /// <summary>
    /// Writes the key field and checks the key order. An empty key is written too (<c>0A 00</c>), as TensorFlow's C++
    /// protobuf writes it; Google.Protobuf would leave it out.
    /// </summary>
    private int WriteKey(int position, scoped EntryKey key)
    {
        int keyLength = key.ByteCount;
        position = WriteHeader(_buffer, position, Field1Delimited, keyLength);
        key.CopyTo(_buffer.Slice(position, keyLength));

        if (_previousKeyLength >= 0)
        {
            ReadOnlySpan<byte> previous = _buffer.Slice(_previousKeyStart, _previousKeyLength);
            ReadOnlySpan<byte> current = _buffer.Slice(position, keyLength);
            if (current.SequenceCompareTo(previous) <= 0)
            {
                ExampleThrowHelper.ThrowKeysOutOfOrder(previous, current);
            }
        }

        _previousKeyStart = position;
        _previousKeyLength = keyLength;
        return position + keyLength;
    }

    private readonly void EnsureRoom(long needed)
    {
        int room = _limit - _position;
        if (needed > room)
        {
            ExampleThrowHelper.ThrowNoRoom(_limitKind, needed, room);
        }
    }

    private void SetLimit(WriteLimit kind, int limit)
    {
        _limitKind = kind;
        _limit = limit;
    }

    private readonly void MoveBack(int start, int length, int destination)
    {
        if (destination != start)
        {
            _buffer.Slice(start, length).CopyTo(_buffer.Slice(destination));
        }
    }
}
