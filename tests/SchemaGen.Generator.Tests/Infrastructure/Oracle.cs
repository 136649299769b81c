using Google.Protobuf;
using SchemaGen.Protos;

namespace SchemaGen.Generator.Tests.Infrastructure;

/// <summary>Builds Google.Protobuf Features independently of the generated code: the oracle for its bytes.</summary>
internal static class Oracle
{
    public static Feature Int64s(params long[] values) => new() { Int64List = new Int64List { Value = { values } } };

    public static Feature Floats(params float[] values) => new() { FloatList = new FloatList { Value = { values } } };

    public static Feature Bytes(params byte[][] values) => new() { BytesList = new BytesList { Value = { values.Select(ByteString.CopyFrom) } } };

    public static Feature Strings(params string[] values) => new() { BytesList = new BytesList { Value = { values.Select(ByteString.CopyFromUtf8) } } };

    public static byte[] Sorted(Example example) => ExampleEncoding.ToSortedByteArray(example);

    public static Example Example(params (string Key, Feature Value)[] features)
    {
        var example = new Example { Features = new Features() };
        foreach ((string key, Feature value) in features)
        {
            example.Features.Feature[key] = value;
        }

        return example;
    }
}
