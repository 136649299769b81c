using System.Numerics;
using System.Runtime.CompilerServices;

namespace SchemaGen.Examples;

/// <summary>Protobuf wire constants and sizes for the tf.train.Example messages.</summary>
internal static class WireFormat
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int StartGroup = 3;
    public const int EndGroup = 4;
    public const int Fixed32 = 5;

    /// <summary>Field 1, length-delimited: Example.features, SequenceExample.context, a map entry's key, Feature.bytes_list, a list's packed values, FeatureList.feature.</summary>
    public const byte Field1Delimited = (1 << 3) | LengthDelimited;

    /// <summary>Field 2, length-delimited: SequenceExample.feature_lists, a map entry's value, Feature.float_list.</summary>
    public const byte Field2Delimited = (2 << 3) | LengthDelimited;

    /// <summary>Field 3, length-delimited: Feature.int64_list.</summary>
    public const byte Field3Delimited = (3 << 3) | LengthDelimited;

    /// <summary>Field 1, varint: one unpacked Int64List value.</summary>
    public const byte Field1Varint = (1 << 3) | Varint;

    /// <summary>Field 1, fixed32: one unpacked FloatList value.</summary>
    public const byte Field1Fixed32 = (1 << 3) | Fixed32;

    /// <summary>
    /// Decodes a length of one to three bytes (below 2 MiB) at <c>span[position]</c> and moves past it: the fast path of
    /// readers that take a general path for anything else.
    /// </summary>
    /// <returns>The length, or -1 when it is longer or runs past the span (<paramref name="position"/> is then unchanged).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ReadShortLength(ReadOnlySpan<byte> span, ref int position)
    {
        int i = position;
        if ((uint)i >= (uint)span.Length)
        {
            return -1;
        }

        int length = span[i];
        if (length < 0x80)
        {
            position = i + 1;
            return length;
        }

        if ((uint)(i + 1) >= (uint)span.Length)
        {
            return -1;
        }

        int second = span[i + 1];
        if (second < 0x80)
        {
            position = i + 2;
            return (length & 0x7F) | (second << 7);
        }

        if ((uint)(i + 2) >= (uint)span.Length || span[i + 2] >= 0x80)
        {
            return -1;
        }

        position = i + 3;
        return (length & 0x7F) | ((second & 0x7F) << 7) | (span[i + 2] << 14);
    }

    /// <summary>Bytes a value takes as a base-128 varint (1 to 10).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int VarintSize(ulong value) => (int)((uint)(BitOperations.Log2(value | 1) * 9 + 73) >> 6);

    /// <summary>Bytes a length-delimited field with a one-byte tag takes: tag, length, payload.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DelimitedSize(int length) => checked(1 + VarintSize(unchecked((uint)length)) + length);
}
