using System.Text;

namespace SchemaGen.Runtime.Tests.Examples;

/// <summary>Hand-built protobuf bytes, so wire cases read as the structure they encode.</summary>
internal static class Wire
{
    public static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
        return [.. bytes];
    }

    public static byte[] Tag(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    public static byte[] VarintField(int field, ulong value) => [.. Tag(field, 0), .. Varint(value)];

    public static byte[] Fixed32Field(int field, uint value) => [.. Tag(field, 5), .. BitConverter.GetBytes(value)];

    public static byte[] Fixed64Field(int field, ulong value) => [.. Tag(field, 1), .. BitConverter.GetBytes(value)];

    public static byte[] Delimited(int field, params byte[][] content)
    {
        byte[] payload = Concat(content);
        return [.. Tag(field, 2), .. Varint((ulong)payload.Length), .. payload];
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    // tf.train shapes

    /// <summary>An Example whose Features holds these map entries.</summary>
    public static byte[] ExampleBytes(params byte[][] entries) => Delimited(1, entries);

    /// <summary>A Features map entry, key then value.</summary>
    public static byte[] Entry(string key, byte[] feature) => Delimited(1, Delimited(1, Utf8(key)), Delimited(2, feature));

    public static byte[] Key(string key) => Delimited(1, Utf8(key));

    public static byte[] Value(byte[] feature) => Delimited(2, feature);

    /// <summary>Feature { int64_list { value: packed } }.</summary>
    public static byte[] Int64Feature(params long[] values) => Delimited(3, PackedInt64s(values));

    /// <summary>Feature { float_list { value: packed } }.</summary>
    public static byte[] FloatFeature(params float[] values) => Delimited(2, PackedFloats(values));

    /// <summary>Feature { bytes_list { value… } }.</summary>
    public static byte[] BytesFeature(params string[] values) => Delimited(1, values.Select(v => Delimited(1, Utf8(v))).ToArray());

    public static byte[] PackedInt64s(params long[] values) =>
        values.Length == 0 ? [] : Delimited(1, values.Select(v => Varint((ulong)v)).ToArray());

    public static byte[] PackedFloats(params float[] values) =>
        values.Length == 0 ? [] : Delimited(1, values.Select(BitConverter.GetBytes).ToArray());

    public static byte[] UnpackedInt64s(params long[] values) => Concat(values.Select(v => VarintField(1, (ulong)v)).ToArray());

    public static byte[] UnpackedFloats(params float[] values) =>
        Concat(values.Select(v => Fixed32Field(1, BitConverter.SingleToUInt32Bits(v))).ToArray());
}
