using CsCheck;
using SchemaGen.Protos;

namespace SchemaGen.Runtime.Tests.Examples;

public class ExampleEncodingTests
{
    [Fact]
    public void Sorted_bytes_equal_the_writer_bytes_whatever_the_insertion_order() =>
        ExampleGenerators.Example.Sample(example =>
            Assert.Equal(ExampleCodec.Write(example), ExampleEncoding.ToSortedByteArray(example)), iter: 200);

    [Fact]
    public void Sorted_sequence_bytes_equal_the_writer_bytes_whatever_the_insertion_order() =>
        ExampleGenerators.SequenceExample.Sample(sequence =>
            Assert.Equal(ExampleCodec.Write(sequence), ExampleEncoding.ToSortedByteArray(sequence)), iter: 200);

    [Fact]
    public void Sorting_leaves_the_input_unchanged_and_keeps_unknown_fields()
    {
        byte[] bytes = Wire.Concat(Wire.ExampleBytes(Wire.Entry("b", Wire.Int64Feature(1)), Wire.Entry("a", Wire.Int64Feature(2))), Wire.VarintField(9, 5));
        Example example = Example.Parser.ParseFrom(bytes);

        byte[] sorted = ExampleEncoding.ToSortedByteArray(example);

        Assert.Equal(["b", "a"], example.Features.Feature.Keys);
        Assert.Equal(["a", "b"], ExampleEncoding.WithSortedKeys(example).Features.Feature.Keys);
        Assert.Equal(Wire.Concat(Wire.ExampleBytes(Wire.Entry("a", Wire.Int64Feature(2)), Wire.Entry("b", Wire.Int64Feature(1))), Wire.VarintField(9, 5)), sorted);
    }

    [Fact]
    public void Unknown_fields_of_every_message_stay_after_its_known_fields_and_an_empty_key_keeps_its_key_field()
    {
        byte[] list = Wire.Delimited(1, Wire.Int64Feature(3));
        byte[] bytes = Wire.Concat(
            Wire.VarintField(7, 1),
            Wire.Delimited(2, Wire.VarintField(8, 2), Wire.Entry("z", list), Wire.Delimited(1, Wire.Value(list))),
            Wire.Delimited(1, Wire.Entry("b", Wire.Int64Feature(1)), Wire.Fixed32Field(9, 3), Wire.Entry("", Wire.Int64Feature(2))));
        SequenceExample sequence = SequenceExample.Parser.ParseFrom(bytes);

        byte[] sorted = ExampleEncoding.ToSortedByteArray(sequence);

        // Known fields in field order, then each message's unknown fields, as Google.Protobuf orders them; the empty
        // key's entry (written above without its key field) gets one.
        Assert.Equal(
            Wire.Concat(
                Wire.Delimited(1, Wire.Entry("", Wire.Int64Feature(2)), Wire.Entry("b", Wire.Int64Feature(1)), Wire.Fixed32Field(9, 3)),
                Wire.Delimited(2, Wire.Entry("", list), Wire.Entry("z", list), Wire.VarintField(8, 2)),
                Wire.VarintField(7, 1)),
            sorted);
        Assert.Equal(sequence, SequenceExample.Parser.ParseFrom(sorted));
    }

    [Fact]
    public void Example_without_features_stays_without()
    {
        Assert.Empty(ExampleEncoding.ToSortedByteArray(new Example()));
        Assert.Empty(ExampleEncoding.ToSortedByteArray(new SequenceExample()));
    }
}
