using CsCheck;
using Google.Protobuf;
using SchemaGen.Examples;
using SchemaGen.Protos;

namespace SchemaGen.Runtime.Tests.Examples;

/// <summary>The sizing helpers against Google.Protobuf's CalculateSize.</summary>
public class ExampleSizeTests
{
    [Fact]
    public void Varint_size_matches_the_encoding() =>
        Gen.ULong.Sample(value => Assert.Equal(Wire.Varint(value).Length, ExampleSize.Varint(value)), iter: 2000);

    [Fact]
    public void Single_value_features_match_Google_Protobuf() =>
        Gen.Select(ExampleGenerators.Int64, Gen.Int[0, 70_000], Gen.String).Sample((number, length, text) =>
        {
            Assert.Equal(new Feature { Int64List = new Int64List { Value = { number } } }.CalculateSize(), ExampleSize.Int64Feature(number));
            Assert.Equal(new Feature { BytesList = new BytesList { Value = { ByteString.CopyFrom(new byte[length]) } } }.CalculateSize(), ExampleSize.BytesFeature(length));
            Assert.Equal(new Feature { BytesList = new BytesList { Value = { ByteString.CopyFromUtf8(text) } } }.CalculateSize(), ExampleSize.StringFeature(text));
            Assert.Equal(new Feature { FloatList = new FloatList { Value = { 1f } } }.CalculateSize(), ExampleSize.FloatListFeature(1));
        }, iter: 300);

    [Fact]
    public void Entry_and_step_sizes_match_Google_Protobuf_when_the_key_is_not_empty() =>
        Gen.Select(ExampleGenerators.Key.Where(key => key.Length > 0), ExampleGenerators.Feature).Sample((key, feature) =>
        {
            int featureLength = feature.CalculateSize();
            Assert.Equal(new Features { Feature = { [key] = feature } }.CalculateSize(), ExampleSize.FeatureEntry(key, featureLength));
            var list = new FeatureList { Feature = { feature, feature } };
            Assert.Equal(list.CalculateSize(), 2 * ExampleSize.FeatureListStep(featureLength));
            Assert.Equal(new FeatureLists { FeatureList = { [key] = list } }.CalculateSize(), ExampleSize.FeatureListEntry(key, list.CalculateSize()));
        }, iter: 300);

    [Fact]
    public void An_empty_key_counts_its_key_field_as_TensorFlow_writes_it() =>
        ExampleGenerators.Feature.Sample(feature =>
        {
            byte[] value = feature.ToByteArray();
            Assert.Equal(Wire.Entry("", value).Length, ExampleSize.FeatureEntry("", value.Length));
            Assert.Equal(Wire.Entry("", value).Length, ExampleSize.FeatureEntry(0, value.Length));
            Assert.Equal(Wire.Entry("", value).Length, ExampleSize.FeatureListEntry(""u8, value.Length));
        }, iter: 100);

    [Fact]
    public void Negative_lengths_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ExampleSize.Example(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExampleSize.BytesFeature(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExampleSize.FeatureEntry(-1, 0));
    }
}
