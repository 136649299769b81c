using System.IO.Hashing;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SchemaGen.Checksums;

namespace SchemaGen.Benchmarks;

/// <summary>CRC-32C of one CIFAR record's worth of data, against System.IO.Hashing's CRC-32C.</summary>
[MemoryDiagnoser]
[BenchmarkCategory("Crc32C")]
[Config(typeof(Throughput))]
public class Crc32CBenchmarks
{
    private const int RecordBytes = 3072;

    private byte[] _data = [];

    [Params(RecordBytes)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[Bytes];
        new Random(1).NextBytes(_data);
        if (Crc32C.Compute(_data) != Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, _data))
        {
            throw new InvalidOperationException("The two CRC-32C implementations disagree.");
        }
    }

    [Benchmark(Baseline = true, Description = "System.IO.Hashing Crc32 (Crc32C parameters)")]
    public uint SystemIOHashing() => Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, _data);

    [Benchmark(Description = "SchemaGen Crc32C (vpclmulqdq folding fused with crc32 streams)")]
    public uint SchemaGen() => Crc32C.Compute(_data);

    private sealed class Throughput : ManualConfig
    {
        public Throughput() => AddColumn(RateColumn.GigabytesPerSecond(RecordBytes));
    }
}
