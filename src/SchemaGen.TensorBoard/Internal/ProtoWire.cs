using System.Numerics;

namespace SchemaGen.TensorBoard.Internal;

/// <summary>The protobuf wire format's primitives: wire types, varint sizes and varint writing.</summary>
internal static class ProtoWire
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    public static int VarintSize(ulong value) => ((64 - BitOperations.LeadingZeroCount(value | 1)) + 6) / 7;

    /// <returns>The bytes written.</returns>
    public static int WriteVarint(Span<byte> destination, ulong value)
    {
        int i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }
}
