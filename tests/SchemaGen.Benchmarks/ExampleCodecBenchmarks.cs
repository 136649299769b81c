using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Google.Protobuf;
using SchemaGen.Examples;
using SchemaGen.Protos;

namespace SchemaGen.Benchmarks;

/// <summary>
/// Encoding and parsing one CIFAR Example, against Google.Protobuf's generated <c>tensorflow.Example</c>
/// (build the message + <c>ToByteArray</c>; <c>ParseFrom</c> + reading the image and label out of it).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ExampleCodecBenchmarks
{
    private byte[] _image = [];
    private long _label;
    private byte[] _encoded = [];
    private readonly byte[] _destination = new byte[8192];
    private readonly byte[] _imageOut = new byte[CifarRecord.ImageBytes];

    [GlobalSetup]
    public void Setup()
    {
        _image = CifarRecord.Image(seed: 7);
        _label = CifarRecord.Label(seed: 7);
        _encoded = CifarRecord.PeerBytes(_image, _label);
        if (!Encode().SequenceEqual(_encoded))
        {
            throw new InvalidOperationException("ExampleWriter's bytes differ from Google.Protobuf's.");
        }
    }

    [Benchmark(Baseline = true, Description = "Encode: Google.Protobuf build + ToByteArray")]
    [BenchmarkCategory("Encode")]
    public byte[] Encode_Peer() => CifarRecord.PeerExample(_image, _label).ToByteArray();

    [Benchmark(Description = "Encode: ExampleWriter, exact size")]
    [BenchmarkCategory("Encode")]
    public int Encode_ExampleWriter()
    {
        int featuresLength = ExampleSize.FeatureEntry("image"u8, ExampleSize.BytesFeature(_image.Length))
            + ExampleSize.FeatureEntry("label"u8, ExampleSize.Int64Feature(_label));
        var writer = new ExampleWriter(_destination, featuresLength);
        writer.WriteBytes("image"u8, _image);
        writer.WriteInt64("label"u8, _label);
        return writer.Complete();
    }

    [Benchmark(Description = "Encode: ExampleWriter, size found at Complete")]
    [BenchmarkCategory("Encode")]
    public int Encode_ExampleWriter_UnknownSize()
    {
        var writer = new ExampleWriter(_destination);
        writer.WriteBytes("image"u8, _image);
        writer.WriteInt64("label"u8, _label);
        return writer.Complete();
    }

    [Benchmark(Baseline = true, Description = "Parse: Google.Protobuf ParseFrom + extract")]
    [BenchmarkCategory("Parse")]
    public long Parse_Peer()
    {
        var example = Example.Parser.ParseFrom(_encoded);
        var features = example.Features.Feature;
        features["image"].BytesList.Value[0].Span.CopyTo(_imageOut);
        return features["label"].Int64List.Value[0];
    }

    [Benchmark(Description = "Parse: ExampleReader + extract")]
    [BenchmarkCategory("Parse")]
    public long Parse_ExampleReader()
    {
        var reader = new ExampleReader(_encoded);
        if (!reader.TryGetFeature("image"u8, out var image) || !reader.TryGetFeature("label"u8, out var label))
        {
            throw new InvalidOperationException("A feature is missing.");
        }

        image.CopyTo(_imageOut);
        Span<long> labelValue = stackalloc long[1];
        label.CopyTo(labelValue);
        return labelValue[0];
    }

    [Benchmark(Description = "Parse: ExampleReader + extract through EnumerateBytes and span CopyTo")]
    [BenchmarkCategory("Parse")]
    public long Parse_ExampleReader_Enumerated()
    {
        var reader = new ExampleReader(_encoded);
        if (!reader.TryGetFeature("image"u8, out var image) || !reader.TryGetFeature("label"u8, out var label))
        {
            throw new InvalidOperationException("A feature is missing.");
        }

        foreach (var value in image.EnumerateBytes())
        {
            value.CopyTo(_imageOut);
        }

        Span<long> labelValue = stackalloc long[1];
        label.CopyTo(labelValue);
        return labelValue[0];
    }

    [Benchmark(Description = "Parse: ExampleReader one pass (EnumerateEntries) + extract")]
    [BenchmarkCategory("Parse")]
    public long Parse_ExampleReader_OnePass()
    {
        var features = new ExampleReader(_encoded).Features;
        FeatureEntry imageEntry = default;
        FeatureEntry labelEntry = default;
        var entries = features.EnumerateEntries();
        while (entries.MoveNext())
        {
            ReadOnlySpan<byte> key = entries.CurrentKey;
            if (key.SequenceEqual("image"u8))
            {
                imageEntry = entries.Current;
            }
            else if (key.SequenceEqual("label"u8))
            {
                labelEntry = entries.Current;
            }
        }

        if (!features.TryGetFeature(imageEntry, out var image) || !features.TryGetFeature(labelEntry, out var label))
        {
            throw new InvalidOperationException("A feature is missing.");
        }

        image.CopyTo(_imageOut);
        Span<long> labelValue = stackalloc long[1];
        label.CopyTo(labelValue);
        return labelValue[0];
    }

    private ReadOnlySpan<byte> Encode() => _destination.AsSpan(0, Encode_ExampleWriter());
}
