using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SchemaGen.Internal;

namespace SchemaGen.Examples;

/// <summary>
/// Writing primitives over a span. Callers check room once per entry, so these only index (the span's own bounds
/// checks remain as a safety net) and return the position after what they wrote.
/// </summary>
internal static class WireWriting
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteVarint(Span<byte> buffer, int position, ulong value)
    {
        while (value >= 0x80)
        {
            buffer[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[position] = (byte)value;
        return position + 1;
    }

    /// <summary>Writes a one-byte tag and a length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteHeader(Span<byte> buffer, int position, byte tag, int length)
    {
        buffer[position] = tag;
        return WriteVarint(buffer, position + 1, (uint)length);
    }

    /// <summary>Writes a one-byte tag, a length and the bytes.</summary>
    public static int WriteDelimited(Span<byte> buffer, int position, byte tag, ReadOnlySpan<byte> value)
    {
        position = WriteHeader(buffer, position, tag, value.Length);
        ByteCopy.Copy(value, buffer.Slice(position));
        return position + value.Length;
    }

    /// <summary>Writes int64 values as packed varints (negative values take 10 bytes: no zigzag).</summary>
    public static int WritePackedInt64s(Span<byte> buffer, int position, ReadOnlySpan<long> values)
    {
        foreach (long value in values)
        {
            position = WriteVarint(buffer, position, (ulong)value);
        }

        return position;
    }

    /// <summary>Writes floats as packed little-endian fixed32, a block copy on little-endian machines.</summary>
    public static int WritePackedFloats(Span<byte> buffer, int position, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(buffer.Slice(position));
            return position + values.Length * sizeof(float);
        }

        foreach (float value in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(buffer.Slice(position), value);
            position += sizeof(float);
        }

        return position;
    }

    /// <summary>Bytes the packed varints of <paramref name="values"/> take.</summary>
    public static int PackedInt64sLength(ReadOnlySpan<long> values)
    {
        int length = 0;
        foreach (long value in values)
        {
            int size = WireFormat.VarintSize(unchecked((ulong)value));
            length = checked(length + size);
        }

        return length;
    }
}
