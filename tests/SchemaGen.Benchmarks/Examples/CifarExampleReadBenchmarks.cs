using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using SchemaGen.Protos;

namespace SchemaGen.Benchmarks.Examples;

/// <summary>
/// Parsing a CIFAR record and extracting it (image bytes copied into a caller's buffer, and the label): the codec
/// against Google.Protobuf.
/// </summary>
[MemoryDiagnoser]
public class CifarExampleReadBenchmarks
{
    private readonly byte[] _image = new byte[3072];
    private byte[] _record = [];

    [GlobalSetup]
    public void Setup()
    {
        var image = new byte[3072];
        new Random(42).NextBytes(image);
        var example = new Example { Features = new Features() };
        example.Features.Feature.Add("image", new Feature { BytesList = new BytesList { Value = { ByteString.CopyFrom(image) } } });
        example.Features.Feature.Add("label", new Feature { Int64List = new Int64List { Value = { 7 } } });
        _record = example.ToByteArray();
    }

    [Benchmark(Baseline = true)]
    public long GoogleProtobuf()
    {
        Example example = Example.Parser.ParseFrom(_record);
        example.Features.Feature["image"].BytesList.Value[0].Span.CopyTo(_image);
        return example.Features.Feature["label"].Int64List.Value[0];
    }

    [Benchmark]
    public long ExampleReaderLookups()
    {
        var reader = new ExampleReader(_record);
        long label = 0;
        if (reader.TryGetFeature("image"u8, out FeatureReader image))
        {
            foreach (ReadOnlySpan<byte> value in image.EnumerateBytes())
            {
                value.CopyTo(_image);
            }
        }

        if (reader.TryGetFeature("label"u8, out FeatureReader labels))
        {
            foreach (long value in labels.EnumerateInt64s())
            {
                label = value;
            }
        }

        return label;
    }

    [Benchmark]
    public long ExampleReaderOnePass()
    {
        FeatureEntry image = default;
        FeatureEntry label = default;
        foreach (FeatureEntry entry in new ExampleReader(_record).EnumerateEntries())
        {
            if (entry.Key.SequenceEqual("image"u8))
            {
                image = entry;
            }
            else if (entry.Key.SequenceEqual("label"u8))
            {
                label = entry;
            }
        }

        foreach (ReadOnlySpan<byte> value in image.ReadFeature().EnumerateBytes())
        {
            value.CopyTo(_image);
        }

        long result = 0;
        foreach (long value in label.ReadFeature().EnumerateInt64s())
        {
            result = value;
        }

        return result;
    }
}
