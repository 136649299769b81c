using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using SchemaGen.Protos;

namespace SchemaGen.Benchmarks.Examples;

/// <summary>Encoding a CIFAR record (3072 image bytes and an int64 label): the codec against Google.Protobuf.</summary>
[MemoryDiagnoser]
public class CifarExampleWriteBenchmarks
{
    private readonly byte[] _image = new byte[3072];
    private readonly byte[] _buffer = new byte[4096];
    private readonly long _label = 7;
    private int _featuresLength;

    [GlobalSetup]
    public void Setup()
    {
        new Random(42).NextBytes(_image);
        _featuresLength = ExampleSize.FeatureEntry("image"u8, ExampleSize.BytesFeature(_image.Length))
            + ExampleSize.FeatureEntry("label"u8, ExampleSize.Int64Feature(_label));
    }

    [Benchmark(Baseline = true)]
    public byte[] GoogleProtobuf()
    {
        var example = new Example { Features = new Features() };
        example.Features.Feature.Add("image", new Feature { BytesList = new BytesList { Value = { ByteString.CopyFrom(_image) } } });
        example.Features.Feature.Add("label", new Feature { Int64List = new Int64List { Value = { _label } } });
        return example.ToByteArray();
    }

    [Benchmark]
    public int ExampleWriterExactLength()
    {
        var writer = new ExampleWriter(_buffer, _featuresLength);
        writer.WriteBytes("image"u8, _image);
        writer.WriteInt64("label"u8, _label);
        return writer.Complete();
    }

    [Benchmark]
    public int ExampleWriterFoundLength()
    {
        var writer = new ExampleWriter(_buffer);
        writer.WriteBytes("image"u8, _image);
        writer.WriteInt64("label"u8, _label);
        return writer.Complete();
    }
}
