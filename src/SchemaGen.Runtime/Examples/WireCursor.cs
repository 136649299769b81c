using System.Runtime.CompilerServices;

namespace SchemaGen.Examples;

/// <summary>
/// Reads protobuf fields from one message inside a serialized record. Positions are offsets in the whole record, so
/// errors name the byte where they occur, and the key of the feature being read when there is one. Reading never goes
/// past the message's end.
/// </summary>
/// <remarks>
/// Kept small and free of calls that take its address (slow paths are static and return the new position), so the JIT
/// keeps a cursor in registers.
/// </remarks>
internal ref struct WireCursor
{
    // Wire types 0, 1, 2 and 5. Groups (3, 4) are errors, as in TensorFlow's parse_example (example_proto_fast_parsing.cc
    // refuses them: "groups not supported"); 6 and 7 are errors in every protobuf parser.
    private const uint ValidWireTypes = (1 << WireFormat.Varint) | (1 << WireFormat.Fixed64) | (1 << WireFormat.LengthDelimited) | (1 << WireFormat.Fixed32);

    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _end;
    private readonly ErrorContext _context;
    private int _position;

    /// <summary>A cursor over a whole record, outside any feature.</summary>
    public WireCursor(ReadOnlySpan<byte> buffer)
        : this(buffer, 0, buffer.Length, ErrorContext.None)
    {
    }

    /// <summary>A cursor over <c>buffer[start..end]</c>; errors name the key <paramref name="context"/> points at.</summary>
    public WireCursor(ReadOnlySpan<byte> buffer, int start, int end, ErrorContext context)
    {
        _buffer = buffer;
        _position = start;
        _end = end;
        _context = context;
    }

    public readonly ReadOnlySpan<byte> Buffer => _buffer;

    public readonly int Position => _position;

    public readonly int End => _end;

    public readonly ErrorContext Context => _context;

    public readonly bool HasMore => _position < _end;

    /// <summary>
    /// Reads a field tag. Callers compare it with the tags they expect (all valid) and hand any other to
    /// <see cref="SkipField"/>, which rejects field number 0 and wire types other than 0, 1, 2 and 5: so checking costs
    /// nothing on the expected path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadTag()
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

        (uint tag, int next) = ReadTagSlow(_buffer, position, _end, _context);
        _position = next;
        return tag;
    }

    // The same one-byte fast path as ReadTag, kept apart: each inlines into its callers, and their slow paths differ.
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

        (ulong value, int next) = ReadVarintSlow(_buffer, position, _end, _context);
        _position = next;
        return value;
    }

    /// <summary>
    /// Reads a length: a varint of up to 10 bytes of which, as Google.Protobuf's and TensorFlow's <c>ReadVarint32</c>
    /// do, only the low 32 bits count. Its one- and two-byte forms (up to 16 KiB) are decoded inline.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadLength()
    {
        int position = _position;
        if (_end - position >= 2)
        {
            uint first = _buffer[position];
            if (first < 0x80)
            {
                _position = position + 1;
                return first;
            }

            uint second = _buffer[position + 1];
            if (second < 0x80)
            {
                _position = position + 2;
                return (first & 0x7F) | (second << 7);
            }
        }

        return (uint)ReadVarint();
    }

    /// <summary>Reads a length and returns a cursor over that many following bytes, which it then skips.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public WireCursor ReadLengthDelimited()
    {
        int lengthStart = _position;
        ulong length = ReadLength();
        int start = _position;
        if (length > (ulong)(_end - start))
        {
            ExampleThrowHelper.ThrowLengthOutOfRange(_buffer, lengthStart, length, _end - start, _context);
        }

        _position = start + (int)length;
        return new WireCursor(_buffer, start, _position, _context);
    }

    /// <summary>Skips one varint and returns a cursor over its bytes (an unpacked int64 read like a packed one).</summary>
    public WireCursor ReadVarintBytes()
    {
        int start = _position;
        ReadVarint();
        return new WireCursor(_buffer, start, _position, _context);
    }

    /// <summary>Skips a fixed32 and returns a cursor over its bytes (an unpacked float read like a packed one).</summary>
    public WireCursor ReadFixed32Bytes()
    {
        int start = _position;
        Skip(sizeof(uint));
        return new WireCursor(_buffer, start, _position, _context);
    }

    /// <summary>Skips the value of a field whose tag was just read, after checking the tag is valid.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SkipField(uint tag) => _position = SkipValue(_buffer, _position, _end, tag, _context);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Skip(int count)
    {
        if (count > _end - _position)
        {
            ExampleThrowHelper.ThrowTruncatedFixed(_buffer, _position, count, _end - _position, _context);
        }

        _position += count;
    }

    private static int SkipValue(ReadOnlySpan<byte> buffer, int position, int end, uint tag, ErrorContext context)
    {
        if (tag < 8 || ((ValidWireTypes >> (int)(tag & 7)) & 1) == 0)
        {
            // The tag was just read, so it ends here (a non-minimal tag may start a little earlier).
            ExampleThrowHelper.ThrowInvalidTag(buffer, position - WireFormat.VarintSize(tag), tag, context);
        }

        var cursor = new WireCursor(buffer, position, end, context);
        switch ((int)(tag & 7))
        {
            case WireFormat.Varint:
                cursor.ReadVarint();
                break;
            case WireFormat.Fixed64:
                cursor.Skip(sizeof(ulong));
                break;
            case WireFormat.LengthDelimited:
                cursor.ReadLengthDelimited();
                break;
            default:
                cursor.Skip(sizeof(uint));
                break;
        }

        return cursor._position;
    }

    // A tag is read as Google.Protobuf and TensorFlow read it: up to 10 bytes, of which the low 32 bits count.
    private static (uint Tag, int Next) ReadTagSlow(ReadOnlySpan<byte> buffer, int start, int end, ErrorContext context)
    {
        (ulong tag, int next) = ReadVarintSlow(buffer, start, end, context);
        return ((uint)tag, next);
    }

    private static (ulong Value, int Next) ReadVarintSlow(ReadOnlySpan<byte> buffer, int start, int end, ErrorContext context)
    {
        // Lengths up to 16 KiB take two bytes: the common case here.
        if (end - start >= 2 && buffer[start + 1] < 0x80)
        {
            return ((uint)(buffer[start] & 0x7F) | ((uint)buffer[start + 1] << 7), start + 2);
        }

        ulong result = 0;
        for (int i = 0; i < 10; i++)
        {
            int position = start + i;
            if (position >= end)
            {
                ExampleThrowHelper.ThrowTruncatedVarint(buffer, start, end, context);
            }

            byte b = buffer[position];
            result |= (ulong)(b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                return (result, position + 1);
            }
        }

        ExampleThrowHelper.ThrowVarintTooLong(buffer, start, context);
        return default;
    }
}
