using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Google.Protobuf;
using SchemaGen.Protos;

namespace SchemaGen.Benchmarks;

/// <summary>
/// The generated <see cref="Cifar"/> codec against Google.Protobuf's generated <c>tensorflow.Example</c>: writing a
/// record, parsing it into a row of a reused batch, and parsing it into a new record.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GeneratedCifarBenchmarks
{
    private Cifar _record = new([], 0);
    private byte[] _encoded = [];
    private readonly byte[] _destination = new byte[8192];
    private readonly byte[] _imageOut = new byte[CifarRecord.ImageBytes];
    private readonly Cifar.Batch _batch = Cifar.Batch.Create(capacity: 1);

    [GlobalSetup]
    public void Setup()
    {
        _record = new Cifar(CifarRecord.Image(seed: 7), CifarRecord.Label(seed: 7));
        _encoded = CifarRecord.PeerBytes(_record.Image, _record.Label);
        if (!_destination.AsSpan(0, _record.WriteTo(_destination)).SequenceEqual(_encoded))
        {
            throw new InvalidOperationException("Cifar.WriteTo's bytes differ from Google.Protobuf's.");
        }

        Cifar.ParseInto(_encoded, _batch, 0);
        if (!_batch.Image.SequenceEqual(_record.Image) || _batch.Label[0] != _record.Label || Cifar.Parse(_encoded) is not { } parsed
            || !parsed.Image.AsSpan().SequenceEqual(_record.Image) || parsed.Label != _record.Label)
        {
            throw new InvalidOperationException("Cifar's parsers disagree with the record written.");
        }
    }

    [Benchmark(Baseline = true, Description = "Write: Google.Protobuf build + ToByteArray")]
    [BenchmarkCategory("Generated.Write")]
    public byte[] Write_Peer() => CifarRecord.PeerExample(_record.Image, _record.Label).ToByteArray();

    [Benchmark(Description = "Write: Cifar.WriteTo(span)")]
    [BenchmarkCategory("Generated.Write")]
    public int Write_Generated() => _record.WriteTo(_destination);

    [Benchmark(Baseline = true, Description = "ParseInto: Google.Protobuf ParseFrom + extract")]
    [BenchmarkCategory("Generated.ParseInto")]
    public long ParseInto_Peer()
    {
        var features = Example.Parser.ParseFrom(_encoded).Features.Feature;
        features["image"].BytesList.Value[0].Span.CopyTo(_imageOut);
        return features["label"].Int64List.Value[0];
    }

    // Into the next free row, as a reader fills a batch: parsing over a filled row goes through a spare row (so a
    // record that fails leaves the row as it was), which copies the image twice.
    [Benchmark(Description = "ParseInto: Cifar.ParseInto(span, batch, next row)")]
    [BenchmarkCategory("Generated.ParseInto")]
    public long ParseInto_Generated()
    {
        _batch.Clear();
        Cifar.ParseInto(_encoded, _batch, 0);
        return _batch.Label[0];
    }

    [Benchmark(Baseline = true, Description = "Parse: Google.Protobuf ParseFrom + new Cifar")]
    [BenchmarkCategory("Generated.Parse")]
    public Cifar Parse_Peer()
    {
        var features = Example.Parser.ParseFrom(_encoded).Features.Feature;
        return new Cifar(features["image"].BytesList.Value[0].ToByteArray(), features["label"].Int64List.Value[0]);
    }

    [Benchmark(Description = "Parse: Cifar.Parse(span)")]
    [BenchmarkCategory("Generated.Parse")]
    public Cifar Parse_Generated() => Cifar.Parse(_encoded);
}
