using Google.Protobuf;
using SchemaGen.Protos;

namespace SchemaGen.Cli.Tests.Commands;

/// <summary>Records built with Google.Protobuf (the oracle, not the codec under test) and written to a TFRecord file.</summary>
internal static class ProtobufRecords
{
    public static string Write(string path, params byte[][] records)
    {
        using (var writer = new TfRecordWriter(path))
        {
            foreach (byte[] record in records)
            {
                writer.Write(record);
            }
        }

        return path;
    }

    public static byte[] Example(params (string Key, Feature Value)[] features)
    {
        var example = new Example { Features = new Features() };
        foreach ((string key, Feature value) in features)
        {
            example.Features.Feature.Add(key, value);
        }

        return example.ToByteArray();
    }

    public static Feature Int64s(params long[] values) => new() { Int64List = new Int64List { Value = { values } } };

    public static Feature Floats(params float[] values) => new() { FloatList = new FloatList { Value = { values } } };

    public static Feature Strings(params string[] values) => new() { BytesList = new BytesList { Value = { values.Select(ByteString.CopyFromUtf8) } } };

    public static Feature Bytes(byte[] value) => new() { BytesList = new BytesList { Value = { ByteString.CopyFrom(value) } } };
}
