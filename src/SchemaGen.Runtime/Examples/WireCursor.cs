using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace SchemaGen;

/// <summary>
/// Reads protobuf fields from one message inside a serialized record. Positions are offsets in the whole record, so
/// errors name the byte where they occur, and the key of the feature being read when there is one.
/// Reading never goes past the message's end.
/// </summary>
internal ref struct WireCursor
{
    // Wire types 0, 1, 2 and 5; groups (3, 4) and 6, 7 are errors.
    private const uint ValidWireTypes = (1 << WireFormat.Varint) | (1 << WireFormat.Fixed64) | (1 << WireFormat.LengthDelimited) | (1 << WireFormat.Fixed32);

    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _end;
    private readonly int _keyStart;
    private readonly int _keyLength;
    private int _position;

    /// <summary>A cursor over a whole record, outside any feature.</summary>
    public WireCursor(ReadOnlySpan<byte> buffer)
        : this(buffer, 0, buffer.Length, -1, 0)
    {
    }

    /// <summary>A cursor over <c>buffer[start..end]</c>; errors name the key at <paramref name="keyStart"/> unless it is -1.</summary>
    public WireCursor(ReadOnlySpan<byte> buffer, int start, int end, int keyStart, int keyLength)
    {
        _buffer = buffer;
        _position = start;
        _end = end;
        _keyStart = keyStart;
        _keyLength = keyLength;
    }

    public readonly ReadOnlySpan<byte> Buffer => _buffer;

    public readonly int Position => _position;

    public readonly int End => _end;

    /// <summary>Offset of the key errors name, or -1.</summary>
    public readonly int KeyStart => _keyStart;

    public readonly int KeyLength => _keyLength;

    public readonly bool HasMore => _position < _end;

    /// <summary>The unread rest of the message.</summary>
    public readonly ReadOnlySpan<byte> Remaining => _buffer[_position.._end];

    /// <summary>Reads a field tag, rejecting field number 0 and wire types other than 0, 1, 2 and 5.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadTag()
    {
        int start = _position;
        ulong tag = ReadVarint();
        if (tag < 8 || tag > uint.MaxValue || ((ValidWireTypes >> (int)(tag & 7)) & 1) == 0)
        {
            ExampleThrowHelper.ThrowInvalidTag(_buffer, start, tag, _keyStart, _keyLength);
        }

        return (uint)tag;
    }

    /// <summary>Reads a base-128 varint of up to 10 bytes; bits past the 64th are dropped, as protobuf does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadVarint()
    {
        int position = _position;
        if (position < _end)
        {
            byte first = _buffer[position];
            if (first < 0x80)
            {
                _position = position + 1;
                return first;
            }
        }

        return ReadVarintSlow();
    }

    /// <summary>Reads a length and returns a cursor over that many following bytes, which it then skips.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public WireCursor ReadLengthDelimited()
    {
        int lengthStart = _position;
        ulong length = ReadVarint();
        int start = _position;
        if (length > (ulong)(_end - start))
        {
            ExampleThrowHelper.ThrowLengthOutOfRange(_buffer, lengthStart, length, _end - start, _keyStart, _keyLength);
        }

        _position = start + (int)length;
        return new WireCursor(_buffer, start, _position, _keyStart, _keyLength);
    }

    /// <summary>Reads a little-endian fixed32.</summary>
    public uint ReadFixed32()
    {
        int start = _position;
        Skip(sizeof(uint));
        return BinaryPrimitives.ReadUInt32LittleEndian(_buffer.Slice(start));
    }

    /// <summary>Skips one varint and returns a cursor over its bytes (an unpacked int64 read like a packed one).</summary>
    public WireCursor ReadVarintBytes()
    {
        int start = _position;
        ReadVarint();
        return new WireCursor(_buffer, start, _position, _keyStart, _keyLength);
    }

    /// <summary>Skips a fixed32 and returns a cursor over its bytes (an unpacked float read like a packed one).</summary>
    public WireCursor ReadFixed32Bytes()
    {
        int start = _position;
        Skip(sizeof(uint));
        return new WireCursor(_buffer, start, _position, _keyStart, _keyLength);
    }

    /// <summary>Skips the value of a field whose tag was just read.</summary>
    public void SkipField(uint tag)
    {
        switch ((int)(tag & 7))
        {
            case WireFormat.Varint:
                ReadVarint();
                break;
            case WireFormat.Fixed64:
                Skip(sizeof(ulong));
                break;
            case WireFormat.LengthDelimited:
                ReadLengthDelimited();
                break;
            default:
                Skip(sizeof(uint));
                break;
        }
    }

    /// <summary>A copy of this cursor whose errors name another key.</summary>
    public readonly WireCursor WithKey(int keyStart, int keyLength) => new(_buffer, _position, _end, keyStart, keyLength);

    /// <summary>Throws for a packed float list whose length is not a multiple of 4.</summary>
    public readonly void ThrowPackedFloatLength() =>
        ExampleThrowHelper.ThrowPackedFloatLength(_buffer, _position, _end - _position, _keyStart, _keyLength);

    private void Skip(int count)
    {
        if (count > _end - _position)
        {
            ExampleThrowHelper.ThrowTruncatedFixed(_buffer, _position, count, _end - _position, _keyStart, _keyLength);
        }

        _position += count;
    }

    private ulong ReadVarintSlow()
    {
        int start = _position;
        ulong result = 0;
        for (int i = 0; i < 10; i++)
        {
            int position = start + i;
            if (position >= _end)
            {
                ExampleThrowHelper.ThrowTruncatedVarint(_buffer, start, _end, _keyStart, _keyLength);
            }

            byte b = _buffer[position];
            result |= (ulong)(b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                _position = position + 1;
                return result;
            }
        }

        ExampleThrowHelper.ThrowVarintTooLong(_buffer, start, _keyStart, _keyLength);
        return 0;
    }
}
