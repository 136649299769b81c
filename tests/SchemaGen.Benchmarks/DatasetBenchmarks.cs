using BenchmarkDotNet.Attributes;
using SchemaGen.Datasets;
using SchemaGen.Examples;

namespace SchemaGen.Benchmarks;

/// <summary>
/// The input pipeline on 60,000 CIFAR records in 4 shards: batches of 128 through a 10,000-record shuffle buffer,
/// parsed on 2 worker threads, against the plain sequential read + verify + parse of the same files (the ceiling
/// one thread reaches without shuffling); and the same pipeline with no settings (the cores and a tuned prefetch
/// depth) and with the old default of one thread in the consumer's. Records/s = 60,000 / time.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Dataset")]
public class DatasetBenchmarks
{
    private const int Records = 60_000;
    private const int Shards = 4;
    private const int BatchSize = 128;
    private const int BatchesPerEpoch = (Records + BatchSize - 1) / BatchSize;

    private string _directory = "";
    private string[] _paths = [];
    private CifarSample.Batch _sequentialBatch = null!;
    private BatchDataset<CifarSample.Batch> _pipeline = null!;
    private BatchDataset<CifarSample.Batch> _default = null!;
    private BatchDataset<CifarSample.Batch> _inline = null!;
    private BatchReader<CifarSample.Batch> _repeating = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"schemagen-bench-dataset-{Environment.ProcessId}");
        Directory.CreateDirectory(_directory);
        _paths = new string[Shards];
        var buffer = new byte[8192];
        for (int shard = 0; shard < Shards; shard++)
        {
            _paths[shard] = Path.Combine(_directory, $"train.tfrecord-{shard:00000}-of-{Shards:00000}");
            using var writer = new TfRecordWriter(_paths[shard]);
            for (int i = shard * (Records / Shards); i < (shard + 1) * (Records / Shards); i++)
            {
                var example = new ExampleWriter(buffer);
                example.WriteBytes("image"u8, CifarRecord.Image(i));
                example.WriteInt64("label"u8, CifarRecord.Label(i));
                writer.Write(buffer.AsSpan(0, example.Complete()));
            }
        }

        _sequentialBatch = CifarSample.Batch.Create(BatchSize);
        var dataset = TfRecordDataset.FromFiles(Path.Combine(_directory, "train.tfrecord-*")).ShuffleFiles(seed: 1).Interleave(cycleLength: 4)
            .Shuffle(bufferSize: 10_000, seed: 2);
        _pipeline = dataset.Batch<CifarSample.Batch>(BatchSize).Prefetch(4).WithMaxDegreeOfParallelism(2);
        _default = dataset.Batch<CifarSample.Batch>(BatchSize);
        _inline = dataset.Batch<CifarSample.Batch>(BatchSize).Prefetch(0).WithMaxDegreeOfParallelism(1);
        _repeating = dataset.Repeat().Batch<CifarSample.Batch>(BatchSize).Prefetch(4).WithMaxDegreeOfParallelism(2).Open();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _repeating.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "Sequential read + verify + parse (1 thread, no shuffle)")]
    public long Sequential()
    {
        long labels = 0;
        var batch = _sequentialBatch;
        foreach (string path in _paths)
        {
            using var reader = new TfRecordReader(path);
            while (reader.TryReadNext(out var record))
            {
                if (batch.Count == batch.Capacity)
                {
                    batch.Clear();
                }

                batch.ParseInto(record.Span, batch.Count);
                labels += batch.Label[batch.Count - 1];
            }
        }

        return labels;
    }

    [Benchmark(Description = "Pipeline, one epoch from a new reader (threads, shuffle fill, batches)")]
    public long Epoch()
    {
        long labels = 0;
        foreach (var batch in _pipeline)
        {
            labels += batch.Label[0];
        }

        return labels;
    }

    [Benchmark(Description = "Pipeline with no settings (cores, tuned prefetch), one epoch from a new reader")]
    public long DefaultSettings() => Sum(_default);

    [Benchmark(Description = "Pipeline in the consumer's thread (Prefetch(0), 1 thread), one epoch from a new reader")]
    public long Inline() => Sum(_inline);

    [Benchmark(Description = "Pipeline, steady state: one epoch's batches from a repeating reader")]
    public long SteadyState()
    {
        long labels = 0;
        for (int i = 0; i < BatchesPerEpoch; i++)
        {
            _repeating.MoveNext();
            labels += _repeating.Current.Label[0];
        }

        return labels;
    }

    private static long Sum(BatchDataset<CifarSample.Batch> batches)
    {
        long labels = 0;
        foreach (var batch in batches)
        {
            labels += batch.Label[0];
        }

        return labels;
    }
}
