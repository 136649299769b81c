using CsCheck;
using Google.Protobuf;
using SchemaGen.Protos;

namespace SchemaGen.Runtime.Tests.Examples;

/// <summary>CsCheck generators of Google.Protobuf Examples that reach the encoding's edge cases.</summary>
internal static class ExampleGenerators
{
    // Pieces of keys: ASCII, 2- and 3-byte UTF-8, a surrogate pair (4 bytes) and a BMP private-use character,
    // which sort differently in UTF-16 and UTF-8.
    private static readonly string[] KeyPieces = ["a", "b", "z", "A", "/", "_", "0", "é", "ü", "中", "😀", "\uE000", "\uFFFD", "image", "label"];

    public static readonly Gen<string> Key = Gen.OneOf(KeyPieces).Array[0, 4].Select(string.Concat);

    public static readonly Gen<long> Int64 = Gen.Frequency(
        (3, Gen.Long),
        (2, Gen.Long[-200, 200]),
        (1, Gen.OneOf(long.MinValue, long.MaxValue, -1L, 0L, 127L, 128L, 16383L, 16384L, int.MaxValue, (long)uint.MaxValue + 1)));

    public static readonly Gen<float> Float = Gen.Frequency(
        (3, Gen.Float),
        (1, Gen.OneOf(
            float.NaN, -float.NaN, BitConverter.Int32BitsToSingle(0x7FC00001), BitConverter.Int32BitsToSingle(0x7F800001),
            float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.Epsilon, float.MaxValue, float.MinValue)));

    public static readonly Gen<byte[]> Bytes = Gen.Frequency(
        (4, Gen.Byte.Array[0, 12]),
        (1, Gen.Byte.Array[100, 300]),
        (1, Gen.Const(Array.Empty<byte>())));

    public static readonly Gen<Feature> Feature = Gen.Frequency(
        (1, Gen.Const(() => new Feature())),
        (2, Bytes.Array[0, 4].Select(values => new Feature { BytesList = new BytesList { Value = { values.Select(ByteString.CopyFrom) } } })),
        (2, Float.Array[0, 8].Select(values => new Feature { FloatList = new FloatList { Value = { values } } })),
        (2, Int64.Array[0, 8].Select(values => new Feature { Int64List = new Int64List { Value = { values } } })));

    /// <summary>An Example whose map entries were inserted in random order.</summary>
    public static readonly Gen<Example> Example = Gen.Select(Key, Feature).Array[0, 8].Select(entries =>
    {
        var example = new Example { Features = new Features() };
        foreach (var (key, feature) in entries)
        {
            example.Features.Feature[key] = feature;
        }

        return example;
    });

    /// <summary>
    /// An Example none of whose keys is empty: Google.Protobuf's bytes are then TensorFlow's (it leaves an empty key's
    /// key field out, TensorFlow writes it; TensorFlowParityTests holds TensorFlow's bytes for that case).
    /// </summary>
    public static readonly Gen<Example> ExampleWithoutEmptyKey = Example.Where(example => !example.Features.Feature.ContainsKey(""));

    public static readonly Gen<FeatureList> FeatureList = Feature.Array[0, 5].Select(steps => new FeatureList { Feature = { steps } });

    public static readonly Gen<SequenceExample> SequenceExample = Gen.Select(
        Gen.Select(Key, Feature).Array[0, 5],
        Gen.Select(Key, FeatureList).Array[0, 5],
        (context, lists) =>
        {
            var sequence = new SequenceExample { Context = new Features(), FeatureLists = new FeatureLists() };
            foreach (var (key, feature) in context)
            {
                sequence.Context.Feature[key] = feature;
            }

            foreach (var (key, list) in lists)
            {
                sequence.FeatureLists.FeatureList[key] = list;
            }

            return sequence;
        });

    /// <summary>A SequenceExample with no empty key in its context or its feature lists (see <see cref="ExampleWithoutEmptyKey"/>).</summary>
    public static readonly Gen<SequenceExample> SequenceExampleWithoutEmptyKey = SequenceExample.Where(sequence =>
        !sequence.Context.Feature.ContainsKey("") && !sequence.FeatureLists.FeatureList.ContainsKey(""));
}
