using Google.Protobuf;
using SchemaGen.Examples;
using SchemaGen.Protos;
using SchemaGen.Testing.Fixtures;

namespace SchemaGen.Runtime.Tests.Examples;

/// <summary>
/// The writers against TensorFlow's own bytes where Google.Protobuf cannot be the oracle: map entries with an empty
/// key, whose key field (<c>0A 00</c>) TensorFlow's C++ protobuf writes and Google.Protobuf leaves out. The expected
/// bytes are Fixtures/empty-key-records.tsv, made by protobuf's C++ serializer (build/make-empty-key-fixtures.py).
/// </summary>
public class TensorFlowParityTests
{
    [Fact]
    public void The_fixture_holds_300_Examples_and_100_SequenceExamples_each_with_an_empty_key()
    {
        Assert.Equal(300, EmptyKeyRecord.All.Count(r => !r.IsSequence));
        Assert.Equal(100, EmptyKeyRecord.All.Count(r => r.IsSequence));
        Assert.All(EmptyKeyRecord.All, record => Assert.True(EmptyKeyMaps(record.Parse()) > 0, record.ToString()));
    }

    [Fact]
    public void Writers_give_TensorFlow_bytes_in_both_modes() =>
        Assert.All(EmptyKeyRecord.All, record =>
        {
            switch (record.Parse())
            {
                case Example example:
                    Assert.Equal(record.TensorFlowBytes, ExampleCodec.Write(example));
                    Assert.Equal(record.TensorFlowBytes, ExampleCodec.WriteExact(example));
                    break;
                case SequenceExample sequence:
                    Assert.Equal(record.TensorFlowBytes, ExampleCodec.Write(sequence));
                    Assert.Equal(record.TensorFlowBytes, ExampleCodec.WriteExact(sequence));
                    break;
            }
        });

    [Fact]
    public void Sizes_add_up_to_the_TensorFlow_length() =>
        Assert.All(EmptyKeyRecord.All, record =>
        {
            switch (record.Parse())
            {
                case Example example:
                    int features = example.Features.Feature.Sum(f => ExampleSize.FeatureEntry(f.Key, ExampleCodec.FeatureLength(f.Value)));
                    Assert.Equal(record.TensorFlowBytes.Length, ExampleSize.Example(features));
                    break;
                case SequenceExample sequence:
                    int context = sequence.Context.Feature.Sum(f => ExampleSize.FeatureEntry(f.Key, ExampleCodec.FeatureLength(f.Value)));
                    int lists = sequence.FeatureLists.FeatureList.Sum(l => ExampleSize.FeatureListEntry(
                        Wire.Utf8(l.Key), l.Value.Feature.Sum(step => ExampleSize.FeatureListStep(ExampleCodec.FeatureLength(step)))));
                    Assert.Equal(record.TensorFlowBytes.Length, ExampleSize.SequenceExample(context, lists));
                    break;
            }
        });

    [Fact]
    public void Reading_and_writing_again_gives_the_same_bytes() =>
        Assert.All(EmptyKeyRecord.All, record => Assert.Equal(
            record.TensorFlowBytes,
            record.IsSequence ? Reencoder.SequenceExample(record.TensorFlowBytes) : Reencoder.Example(record.TensorFlowBytes)));

    [Fact]
    public void Sorted_encoding_of_the_model_gives_TensorFlow_bytes_whatever_the_insertion_order() =>
        Assert.All(EmptyKeyRecord.All, record =>
        {
            switch (record.Parse())
            {
                case Example example:
                    Assert.Equal(record.TensorFlowBytes, ExampleEncoding.ToSortedByteArray(example));
                    Assert.Equal(record.TensorFlowBytes, ExampleEncoding.ToSortedByteArray(Reversed(example)));
                    break;
                case SequenceExample sequence:
                    Assert.Equal(record.TensorFlowBytes, ExampleEncoding.ToSortedByteArray(sequence));
                    Assert.Equal(record.TensorFlowBytes, ExampleEncoding.ToSortedByteArray(Reversed(sequence)));
                    break;
            }
        });

    [Fact]
    public void Google_Protobuf_writes_other_bytes_for_every_one_so_it_is_no_oracle_here() =>
        Assert.All(EmptyKeyRecord.All, record =>
        {
            // Parsed in wire (sorted) order, its bytes lack only the 0A 00 of each empty key (and the length bytes
            // that shrink with it); both encodings read back as the same message.
            IMessage message = record.Parse();
            byte[] google = message.ToByteArray();
            Assert.NotEqual(record.TensorFlowBytes, google);
            Assert.InRange(record.TensorFlowBytes.Length - google.Length, 2 * EmptyKeyMaps(message), 4 * EmptyKeyMaps(message));
            Assert.Equal(message, record.IsSequence ? SequenceExample.Parser.ParseFrom(google) : Example.Parser.ParseFrom(google));
        });

    private static int EmptyKeyMaps(IMessage message) => message switch
    {
        Example example => example.Features.Feature.ContainsKey("") ? 1 : 0,
        SequenceExample sequence => (sequence.Context.Feature.ContainsKey("") ? 1 : 0) + (sequence.FeatureLists.FeatureList.ContainsKey("") ? 1 : 0),
        _ => throw new ArgumentException(message.GetType().Name, nameof(message)),
    };

    private static Example Reversed(Example example)
    {
        var reversed = new Example { Features = new Features() };
        foreach (var (key, feature) in example.Features.Feature.Reverse())
        {
            reversed.Features.Feature.Add(key, feature);
        }

        return reversed;
    }

    private static SequenceExample Reversed(SequenceExample sequence)
    {
        var reversed = new SequenceExample { Context = new Features(), FeatureLists = new FeatureLists() };
        foreach (var (key, feature) in sequence.Context.Feature.Reverse())
        {
            reversed.Context.Feature.Add(key, feature);
        }

        foreach (var (key, list) in sequence.FeatureLists.FeatureList.Reverse())
        {
            reversed.FeatureLists.FeatureList.Add(key, list);
        }

        return reversed;
    }
}
