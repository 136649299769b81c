using System.Text;
using static SchemaGen.Examples.WireFormat;
using static SchemaGen.Examples.WireWriting;

namespace SchemaGen.Examples;

/// <summary>
/// Encodes Feature messages (the value of a map entry, or one step of a FeatureList) exactly as Google.Protobuf does:
/// numbers packed, and an empty list as an empty list message. Each <c>…Length</c> method returns the Feature's
/// length and hands the inner length to the matching <c>Write…</c> method, so nothing is measured twice.
/// </summary>
internal static class FeatureEncoder
{
    // Feature { bytes_list { value: value } }
    public static int BytesLength(int valueLength) => DelimitedSize(DelimitedSize(valueLength));

    public static int WriteBytes(Span<byte> buffer, int position, ReadOnlySpan<byte> value)
    {
        position = WriteHeader(buffer, position, Field1Delimited, DelimitedSize(value.Length));
        return WriteDelimited(buffer, position, Field1Delimited, value);
    }

    public static int BytesListLength(ReadOnlySpan<byte[]> values, out int listLength)
    {
        int length = 0;
        foreach (byte[] value in values)
        {
            length = checked(length + DelimitedSize(value?.Length ?? 0));
        }

        listLength = length;
        return DelimitedSize(length);
    }

    public static int WriteBytesList(Span<byte> buffer, int position, ReadOnlySpan<byte[]> values, int listLength)
    {
        position = WriteHeader(buffer, position, Field1Delimited, listLength);
        foreach (byte[] value in values)
        {
            position = WriteDelimited(buffer, position, Field1Delimited, value);
        }

        return position;
    }

    // A string is a bytes value holding its UTF-8 encoding.
    public static int StringLength(ReadOnlySpan<char> value, out int byteCount)
    {
        byteCount = Encoding.UTF8.GetByteCount(value);
        return BytesLength(byteCount);
    }

    public static int WriteString(Span<byte> buffer, int position, ReadOnlySpan<char> value, int byteCount)
    {
        position = WriteHeader(buffer, position, Field1Delimited, DelimitedSize(byteCount));
        position = WriteHeader(buffer, position, Field1Delimited, byteCount);
        return position + Encoding.UTF8.GetBytes(value, buffer.Slice(position));
    }

    public static int StringListLength(ReadOnlySpan<string> values, out int listLength)
    {
        int length = 0;
        foreach (string value in values)
        {
            length = checked(length + DelimitedSize(Encoding.UTF8.GetByteCount(value ?? "")));
        }

        listLength = length;
        return DelimitedSize(length);
    }

    public static int WriteStringList(Span<byte> buffer, int position, ReadOnlySpan<string> values, int listLength)
    {
        position = WriteHeader(buffer, position, Field1Delimited, listLength);
        foreach (string value in values)
        {
            ReadOnlySpan<char> text = value;
            position = WriteHeader(buffer, position, Field1Delimited, Encoding.UTF8.GetByteCount(text));
            position += Encoding.UTF8.GetBytes(text, buffer.Slice(position));
        }

        return position;
    }

    // Feature { int64_list { value: [packed varints] } }
    public static int Int64ListLength(ReadOnlySpan<long> values, out int packedLength)
    {
        packedLength = PackedInt64sLength(values);
        return DelimitedSize(NumberListLength(packedLength));
    }

    public static int WriteInt64List(Span<byte> buffer, int position, ReadOnlySpan<long> values, int packedLength)
    {
        position = WriteHeader(buffer, position, Field3Delimited, NumberListLength(packedLength));
        if (packedLength == 0)
        {
            return position;
        }

        position = WriteHeader(buffer, position, Field1Delimited, packedLength);
        return WritePackedInt64s(buffer, position, values);
    }

    // Feature { float_list { value: [packed fixed32] } }
    public static int FloatListLength(int count) => DelimitedSize(NumberListLength(checked(count * sizeof(float))));

    public static int WriteFloatList(Span<byte> buffer, int position, ReadOnlySpan<float> values)
    {
        int packedLength = values.Length * sizeof(float);
        position = WriteHeader(buffer, position, Field2Delimited, NumberListLength(packedLength));
        if (packedLength == 0)
        {
            return position;
        }

        position = WriteHeader(buffer, position, Field1Delimited, packedLength);
        return WritePackedFloats(buffer, position, values);
    }

    // Protobuf writes no packed field for an empty repeated field, so an empty list is an empty message.
    private static int NumberListLength(int packedLength) => packedLength == 0 ? 0 : DelimitedSize(packedLength);
}
