using CsCheck;
using Google.Protobuf;
using SchemaGen.Protos;

namespace SchemaGen.Tests.Examples;

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
    public void Entry_and_step_sizes_match_Google_Protobuf() =>
        Gen.Select(ExampleGenerators.Key, ExampleGenerators.Feature).Sample((key, feature) =>
        {
            int featureLength = feature.CalculateSize();
            Assert.Equal(new Features { Feature = { [key] = feature } }.CalculateSize(), ExampleSize.FeatureEntry(key, featureLength));
            var list = new FeatureList { Feature = { feature, feature } };
            Assert.Equal(list.CalculateSize(), 2 * ExampleSize.FeatureListStep(featureLength));
            Assert.Equal(new FeatureLists { FeatureList = { [key] = list } }.CalculateSize(), ExampleSize.FeatureListEntry(key, list.CalculateSize()));
        }, iter: 300);

    [Fact]
    public void Negative_lengths_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ExampleSize.Example(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExampleSize.BytesFeature(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExampleSize.FeatureEntry(-1, 0));
    }
}
