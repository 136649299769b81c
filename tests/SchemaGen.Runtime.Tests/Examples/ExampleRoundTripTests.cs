using CsCheck;
using Google.Protobuf;
using SchemaGen.Examples;
using SchemaGen.Protos;

namespace SchemaGen.Runtime.Tests.Examples;

/// <summary>Random Examples against Google.Protobuf, in both directions.</summary>
public class ExampleRoundTripTests
{
    private const int Iterations = 300;

    [Fact]
    public void Writer_bytes_equal_Google_Protobuf_bytes_of_the_same_Example_with_sorted_keys_when_no_key_is_empty() =>
        ExampleGenerators.ExampleWithoutEmptyKey.Sample(example =>
        {
            byte[] expected = ExampleCodec.SortedCopy(example).ToByteArray();
            Assert.Equal(expected, ExampleCodec.Write(example));
            Assert.Equal(expected, ExampleCodec.WriteExact(example));
        }, iter: Iterations);

    [Fact]
    public void Writer_bytes_parse_in_Google_Protobuf_to_the_same_Example() =>
        ExampleGenerators.Example.Sample(example =>
            Assert.Equal(example, Example.Parser.ParseFrom(ExampleCodec.Write(example))), iter: Iterations);

    [Fact]
    public void Reader_reads_Google_Protobuf_bytes_written_in_insertion_order() =>
        ExampleGenerators.Example.Sample(example =>
            Assert.Equal(example, ExampleCodec.Read(example.ToByteArray())), iter: Iterations);

    [Fact]
    public void Sized_features_length_matches_Google_Protobuf_when_no_key_is_empty() =>
        ExampleGenerators.ExampleWithoutEmptyKey.Sample(example =>
        {
            int featuresLength = ExampleCodec.Sorted(example.Features.Feature)
                .Sum(f => ExampleSize.FeatureEntry(f.Key, ExampleCodec.FeatureLength(f.Value)));
            Assert.Equal(example.Features.CalculateSize(), featuresLength);
            Assert.Equal(example.CalculateSize(), ExampleSize.Example(featuresLength));
        }, iter: Iterations);

    [Fact]
    public void Floats_keep_their_bits_through_writer_and_reader()
    {
        float[] values = [float.NaN, -float.NaN, BitConverter.Int32BitsToSingle(0x7F800001), BitConverter.Int32BitsToSingle(0x7FC12345), -0f, 0f, float.NegativeInfinity];
        var buffer = new byte[100];
        var writer = new ExampleWriter(buffer);
        writer.WriteFloatList("f"u8, values);
        int length = writer.Complete();

        Assert.True(new ExampleReader(buffer.AsSpan(0, length)).TryGetFeature("f"u8, out FeatureReader feature));
        Assert.Equal(values.Select(BitConverter.SingleToInt32Bits), feature.ToFloatArray().Select(BitConverter.SingleToInt32Bits));
        var parsed = Example.Parser.ParseFrom(buffer, 0, length).Features.Feature["f"].FloatList.Value;
        Assert.Equal(values.Select(BitConverter.SingleToInt32Bits), parsed.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Negative_int64_is_a_ten_byte_varint_without_zigzag()
    {
        var buffer = new byte[64];
        var writer = new ExampleWriter(buffer);
        writer.WriteInt64("n", -1);
        int length = writer.Complete();

        // 0A 13 | entry 0A 11 | key 0A 01 'n' | value 12 0C | int64_list 1A 0A 0A | packed 0A 0A + ten bytes
        byte[] expected = Wire.ExampleBytes(Wire.Entry("n", Wire.Int64Feature(-1)));
        Assert.Equal(expected, buffer[..length]);
        Assert.Equal([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], buffer[(length - 10)..length]);
        Assert.Equal(-1, Example.Parser.ParseFrom(buffer, 0, length).Features.Feature["n"].Int64List.Value[0]);
    }

    [Fact]
    public void Empty_key_is_written_as_TensorFlow_writes_it_unlike_Google_Protobuf()
    {
        var example = new Example { Features = new Features { Feature = { [""] = new Feature { Int64List = new Int64List { Value = { 1 } } } } } };
        byte[] bytes = ExampleCodec.Write(example);

        // 0A 0B | entry 0A 09 | key 0A 00 | value 12 05 | int64_list 1A 03 0A 01 01: the key field is there, empty.
        Assert.Equal(Wire.ExampleBytes(Wire.Entry("", Wire.Int64Feature(1))), bytes);
        Assert.Equal([0x0A, 0x0B, 0x0A, 0x09, 0x0A, 0x00, 0x12, 0x05, 0x1A, 0x03, 0x0A, 0x01, 0x01], bytes);
        Assert.Equal(bytes, ExampleCodec.WriteExact(example));
        Assert.Equal(bytes.Length - 2, example.ToByteArray().Length); // Google.Protobuf leaves the empty key out
        Assert.True(new ExampleReader(bytes).TryGetFeature("", out FeatureReader feature));
        Assert.Equal([1L], feature.ToInt64Array());
    }

    [Fact]
    public void Example_with_no_features_is_an_empty_features_field()
    {
        var writer = new ExampleWriter(new byte[2]);
        Assert.Equal(2, writer.Complete());
        Assert.Equal(new Example { Features = new Features() }.ToByteArray(), ExampleCodec.WriteExact(new Example { Features = new Features() }));
        Assert.Empty(new Example().ToByteArray());
        Assert.Empty(ExampleCodec.Read([]).Features.Feature);
    }
}
