using Google.Protobuf;
using SchemaGen.Examples;
using SchemaGen.Protos;
using static SchemaGen.Runtime.Tests.Examples.Wire;

namespace SchemaGen.Runtime.Tests.Examples;

/// <summary>
/// Tags and lengths read as Google.Protobuf reads them (and TensorFlow's <c>ReadVarint32</c>): up to 10 bytes of
/// which the low 32 bits count. Groups are where we follow TensorFlow's <c>parse_example</c> instead, which refuses
/// them; Google.Protobuf skips them.
/// </summary>
public sealed class ProtobufConformanceTests
{
    public static TheoryData<ulong> HighBits => new() { 1UL << 32, 1UL << 35, 0xFFFF_FFFF_0000_0000, 1UL << 63 };

    [Theory]
    [MemberData(nameof(HighBits))]
    public void A_length_with_bits_above_the_32nd_reads_as_its_low_32_bits(ulong high)
    {
        byte[] features = Entry("label", Int64Feature(7));
        byte[] bytes = [.. Tag(1, 2), .. Varint(high | (uint)features.Length), .. features];

        var expected = Example.Parser.ParseFrom(bytes);
        var read = ExampleCodec.Read(bytes);

        Assert.Equal(expected, read);
        Assert.Equal(7, read.Features.Feature["label"].Int64List.Value[0]);
    }

    [Theory]
    [MemberData(nameof(HighBits))]
    public void A_tag_with_bits_above_the_32nd_reads_as_its_low_32_bits(ulong high)
    {
        // An unknown varint field 5 whose tag carries high bits, before the features.
        byte[] bytes = [.. Varint(high | (5UL << 3)), 0x01, .. ExampleBytes(Entry("x", FloatFeature(1.5f)))];

        var expected = Example.Parser.ParseFrom(bytes);
        var read = ExampleCodec.Read(bytes);

        Assert.Equal(ExampleCodec.WithoutUnknownFields(expected), read);
        Assert.Equal(1.5f, read.Features.Feature["x"].FloatList.Value[0]);
    }

    [Theory]
    [InlineData(0x8000_0000UL)]
    [InlineData(0xFFFF_FFFFUL)]
    [InlineData(0x1_8000_0005UL)]
    public void A_length_of_2_GiB_or_more_in_its_low_32_bits_is_refused_by_both(ulong length)
    {
        byte[] bytes = [.. Tag(1, 2), .. Varint(length), 0x0A, 0x00];

        Assert.Throws<InvalidProtocolBufferException>(() => Example.Parser.ParseFrom(bytes));
        var error = Assert.Throws<ExampleFormatException>(() => ExampleCodec.Read(bytes));
        Assert.Equal(1, error.Offset);
    }

    [Fact]
    public void A_length_varint_of_11_bytes_is_refused_by_both()
    {
        byte[] bytes = [.. Tag(1, 2), .. Enumerable.Repeat((byte)0x80, 10), 0x00];

        Assert.Throws<InvalidProtocolBufferException>(() => Example.Parser.ParseFrom(bytes));
        var error = Assert.Throws<ExampleFormatException>(() => ExampleCodec.Read(bytes));
        Assert.Contains("longer than 10 bytes", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_group_is_refused_as_TensorFlow_refuses_it_where_Google_Protobuf_skips_it(int depth)
    {
        // An unknown group (field 9) at the top of the Example, holding a varint field and nested groups.
        byte[] group = [.. VarintField(1, 5)];
        for (int i = 0; i < depth; i++)
        {
            group = [.. Tag(9, 3), .. group, .. Tag(9, 4)];
        }

        byte[] bytes = [.. group, .. ExampleBytes(Entry("label", Int64Feature(1)))];

        Assert.Equal(1, Example.Parser.ParseFrom(bytes).Features.Feature["label"].Int64List.Value[0]);
        var error = Assert.Throws<ExampleFormatException>(() => ExampleCodec.Read(bytes));
        Assert.Equal(0, error.Offset);
        Assert.Contains("unsupported wire type 3 (group) for field 9: TensorFlow's parse_example refuses groups", error.Message);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    public void A_tag_of_wire_type_6_or_7_in_a_map_entry_is_refused_where_Google_Protobuf_skips_it(int wireType)
    {
        // What the fuzzer found: Google.Protobuf's SkipLastField has no case for wire types 6 and 7, so inside a map
        // entry it steps over the tag alone; C++ protobuf and TensorFlow's parse_example refuse it, and so do we.
        byte[] bytes = ExampleBytes(Delimited(1, Key("label"), Value(Int64Feature(3)), [(byte)((1 << 3) | wireType)]));

        Assert.Equal(3, Example.Parser.ParseFrom(bytes).Features.Feature["label"].Int64List.Value[0]);
        var error = Assert.Throws<ExampleFormatException>(() => ExampleCodec.Read(bytes));
        Assert.Contains($"invalid wire type {wireType} for field 1", error.Message);
    }

    [Theory]
    [InlineData(0x8000_0000UL)]
    [InlineData(0xEC28_05FFUL)]
    public void A_packed_list_whose_length_has_bit_31_set_is_refused_where_Google_Protobuf_reads_it_as_empty(ulong length)
    {
        // What the fuzzer found: Google.Protobuf reads such a length as negative and the packed list as empty; C++
        // protobuf refuses it, and so do we.
        byte[] bytes = ExampleBytes(Entry("f", Delimited(2, [.. Tag(1, 2), .. Varint(length)])));

        Assert.Empty(Example.Parser.ParseFrom(bytes).Features.Feature["f"].FloatList.Value);
        var error = Assert.Throws<ExampleFormatException>(() => ExampleCodec.Read(bytes));
        Assert.Contains($"length {length} runs past", error.Message);
    }

    [Fact]
    public void A_malformed_value_that_a_later_entry_replaces_is_never_read()
    {
        // The first "label" holds a truncated varint; the second replaces it. Google.Protobuf parses both and fails;
        // we (like TensorFlow, which parses the last entry of each key) read only the value that counts.
        byte[] bytes = ExampleBytes(Entry("label", Delimited(3, Delimited(1, [0x80]))), Entry("label", Int64Feature(4)));

        Assert.Throws<InvalidProtocolBufferException>(() => Example.Parser.ParseFrom(bytes));
        Assert.True(new ExampleReader(bytes).TryGetFeature("label", out FeatureReader label));
        Assert.Equal([4L], label.ToInt64Array());
        Assert.Equal([4L], ExampleCodec.Read(bytes).Features.Feature["label"].Int64List.Value);
    }
}
