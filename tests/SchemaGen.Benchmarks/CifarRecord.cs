using Google.Protobuf;
using SchemaGen.Protos;

namespace SchemaGen.Benchmarks;

/// <summary>The record every benchmark works on: a CIFAR image (32x32x3 bytes) and its label.</summary>
internal static class CifarRecord
{
    public const int ImageBytes = 32 * 32 * 3;

    public static byte[] Image(int seed)
    {
        var image = new byte[ImageBytes];
        new Random(seed).NextBytes(image);
        return image;
    }

    public static long Label(int seed) => seed % 10;

    /// <summary>The peer's encoding, keys inserted sorted: what ours must equal byte for byte.</summary>
    public static byte[] PeerBytes(byte[] image, long label) => PeerExample(image, label).ToByteArray();

    public static Example PeerExample(byte[] image, long label)
    {
        var features = new Features();
        features.Feature.Add("image", new Feature { BytesList = new BytesList { Value = { ByteString.CopyFrom(image) } } });
        features.Feature.Add("label", new Feature { Int64List = new Int64List { Value = { label } } });
        return new Example { Features = features };
    }
}
