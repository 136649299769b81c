using CsCheck;
using Google.Protobuf;
using SchemaGen.Protos;

namespace SchemaGen.Tests.Examples;

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
    public void Example_without_features_stays_without()
    {
        Assert.Empty(ExampleEncoding.ToSortedByteArray(new Example()));
        Assert.Empty(ExampleEncoding.ToSortedByteArray(new SequenceExample()));
    }
}
