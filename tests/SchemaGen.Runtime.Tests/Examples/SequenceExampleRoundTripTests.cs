using CsCheck;
using Google.Protobuf;
using SchemaGen.Examples;
using SchemaGen.Protos;

namespace SchemaGen.Runtime.Tests.Examples;

/// <summary>Random SequenceExamples against Google.Protobuf, in both directions.</summary>
public class SequenceExampleRoundTripTests
{
    private const int Iterations = 200;

    [Fact]
    public void Writer_bytes_equal_Google_Protobuf_bytes_of_the_same_SequenceExample_with_sorted_keys_when_no_key_is_empty() =>
        ExampleGenerators.SequenceExampleWithoutEmptyKey.Sample(sequence =>
        {
            byte[] expected = ExampleCodec.SortedCopy(sequence).ToByteArray();
            Assert.Equal(expected, ExampleCodec.Write(sequence));
            Assert.Equal(expected, ExampleCodec.WriteExact(sequence));
        }, iter: Iterations);

    [Fact]
    public void Writer_bytes_parse_in_Google_Protobuf_to_the_same_SequenceExample() =>
        ExampleGenerators.SequenceExample.Sample(sequence =>
            Assert.Equal(sequence, SequenceExample.Parser.ParseFrom(ExampleCodec.Write(sequence))), iter: Iterations);

    [Fact]
    public void Reader_reads_Google_Protobuf_bytes_written_in_insertion_order() =>
        ExampleGenerators.SequenceExample.Sample(sequence =>
            Assert.Equal(sequence, ExampleCodec.ReadSequence(sequence.ToByteArray())), iter: Iterations);

    [Fact]
    public void Lists_larger_than_a_one_byte_length_move_back_into_place()
    {
        // Long steps make the reserved length prefixes (sized for a 64 KiB buffer) wider than needed at every level.
        var sequence = new SequenceExample { Context = new Features(), FeatureLists = new FeatureLists() };
        sequence.Context.Feature["c"] = new Feature { BytesList = new BytesList { Value = { ByteString.CopyFrom(new byte[300]) } } };
        for (int list = 0; list < 3; list++)
        {
            var steps = new FeatureList();
            for (int step = 0; step < 40; step++)
            {
                steps.Feature.Add(new Feature { Int64List = new Int64List { Value = { Enumerable.Range(0, step).Select(i => (long)i * list) } } });
            }

            sequence.FeatureLists.FeatureList[$"list{list}"] = steps;
        }

        var buffer = new byte[65536];
        var writer = new SequenceExampleWriter(buffer);
        writer.WriteBytes("c"u8, new byte[300]);
        foreach (var (key, steps) in sequence.FeatureLists.FeatureList)
        {
            writer.BeginFeatureList(key);
            foreach (Feature step in steps.Feature)
            {
                writer.WriteInt64ListStep(step.Int64List.Value.ToArray());
            }
        }

        Assert.Equal(sequence.ToByteArray(), buffer[..writer.Complete()]);
    }

    [Fact]
    public void Empty_sequence_example_holds_empty_context_and_feature_lists()
    {
        var buffer = new byte[16];
        var writer = new SequenceExampleWriter(buffer);
        int length = writer.Complete();
        Assert.Equal(new SequenceExample { Context = new Features(), FeatureLists = new FeatureLists() }.ToByteArray(), buffer[..length]);
        Assert.Equal([0x0A, 0x00, 0x12, 0x00], buffer[..length]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Feature_list_with_an_empty_key_and_no_steps_keeps_its_key_field_as_TensorFlow_writes_it(bool exact)
    {
        var sequence = new SequenceExample { Context = new Features(), FeatureLists = new FeatureLists { FeatureList = { [""] = new FeatureList() } } };
        var buffer = new byte[exact ? ExampleSize.SequenceExample(0, ExampleSize.FeatureListEntry("", 0)) : 16];
        var writer = exact ? new SequenceExampleWriter(buffer, 0, ExampleSize.FeatureListEntry("", 0)) : new SequenceExampleWriter(buffer);
        if (exact)
        {
            writer.BeginFeatureList(""u8, 0);
        }
        else
        {
            writer.BeginFeatureList("");
        }

        byte[] bytes = buffer[..writer.Complete()];

        // context 0A 00 | feature_lists 12 06 | entry 0A 04 | key 0A 00 | value 12 00
        Assert.Equal([0x0A, 0x00, 0x12, 0x06, 0x0A, 0x04, 0x0A, 0x00, 0x12, 0x00], bytes);
        Assert.Equal(bytes.Length - 2, sequence.ToByteArray().Length); // Google.Protobuf leaves the empty key out
        Assert.Equal(sequence, SequenceExample.Parser.ParseFrom(bytes));
    }
}
