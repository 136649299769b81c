using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using SchemaGen.Examples;
using SchemaGen.Protos;

namespace SchemaGen.Benchmarks;

/// <summary>
/// Enumerating every feature of a wide tabular Example (1000 float features) whose keys are in hash order, as
/// TensorFlow's C++ writer leaves them: <c>ExampleReader</c>'s distinct-feature enumeration against Google.Protobuf's
/// <c>ParseFrom</c> + iterating the map. Each reads every key and value.
/// </summary>
[MemoryDiagnoser]
public class WideExampleBenchmarks
{
    private const int Features = 1000;
    private byte[] _encoded = [];

    [GlobalSetup]
    public void Setup()
    {
        var example = new Example { Features = new Features() };
        var random = new Random(5);
        foreach (int i in Enumerable.Range(0, Features).OrderBy(_ => random.Next()))
        {
            var feature = new Feature { FloatList = new FloatList() };
            feature.FloatList.Value.Add(i * 0.5f);
            example.Features.Feature.Add($"column_{i:D4}", feature);
        }

        _encoded = example.ToByteArray();
        if (Peer() != Enumerate())
        {
            throw new InvalidOperationException("The two enumerations disagree.");
        }
    }

    [Benchmark(Baseline = true, Description = "Google.Protobuf ParseFrom + map enumeration")]
    public double Peer()
    {
        double sum = 0;
        foreach (var (key, feature) in Example.Parser.ParseFrom(_encoded).Features.Feature)
        {
            sum += key.Length + feature.FloatList.Value[0];
        }

        return sum;
    }

    [Benchmark(Description = "ExampleReader: each distinct feature")]
    public double Enumerate()
    {
        double sum = 0;
        Span<float> value = stackalloc float[1];
        foreach (var feature in new ExampleReader(_encoded))
        {
            feature.CopyTo(value);
            sum += feature.Key.Length + value[0];
        }

        return sum;
    }
}
