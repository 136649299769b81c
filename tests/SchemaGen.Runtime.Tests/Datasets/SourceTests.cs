using SchemaGen.Datasets;
using SchemaGen.Records;

namespace SchemaGen.Runtime.Tests.Datasets;

/// <summary>Files by path or pattern, sorted, any compression; in-memory samples; TF1's shuffle_batch.</summary>
public sealed class SourceTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void Patterns_expand_to_sorted_files_without_their_index_sidecars()
    {
        var paths = DatasetFiles.Write(_directory, [2, 3, 4]);
        TfRecordIndex.Write(TfRecordIndex.PathFor(paths[1]), TfRecordIndex.Build(paths[1]));
        File.WriteAllText(_directory.File("other.txt"), "not data");

        var dataset = TfRecordDataset.FromFiles(_directory.File("part-*"), paths[0]);

        Assert.Equal(paths, dataset.Files);
        Assert.Equal(Enumerable.Range(0, 9).Select(i => (long)i), DatasetFiles.Flatten(DatasetFiles.Ids(dataset.Batch<Numbered.Batch>(4))));
    }

    [Fact]
    public void Patterns_may_name_directories()
    {
        Directory.CreateDirectory(_directory.File("b"));
        Directory.CreateDirectory(_directory.File("a"));
        using (var writer = new TfRecordWriter(_directory.File("b/x.tfrecord")))
        {
            writer.Write(new Numbered(2).ToByteArray());
        }

        using (var writer = new TfRecordWriter(_directory.File("a/x.tfrecord")))
        {
            writer.Write(new Numbered(1).ToByteArray());
        }

        var dataset = TfRecordDataset.FromFiles(_directory.File("?/*.tfrecord"));

        Assert.Equal([_directory.File("a/x.tfrecord"), _directory.File("b/x.tfrecord")], dataset.Files);
    }

    [Theory]
    [InlineData(TfRecordCompression.Gzip)]
    [InlineData(TfRecordCompression.Zlib)]
    public void Compressed_files_are_detected_and_can_be_sharded_by_record(TfRecordCompression compression)
    {
        var paths = DatasetFiles.Write(_directory, [7, 5], new TfRecordWriterOptions { Compression = compression });

        var parts = Enumerable.Range(0, 3).Select(w => DatasetFiles.Flatten(DatasetFiles.Ids(
            TfRecordDataset.FromFiles(paths).Shard(w, 3).Shuffle(4, seed: 1).Batch<Numbered.Batch>(3)))).ToList();

        Assert.Equal([4, 4, 4], parts.Select(p => p.Length));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i), parts.SelectMany(p => p).Order());
    }

    [Fact]
    public void A_global_shuffle_of_a_compressed_file_is_refused_with_the_reason()
    {
        var paths = DatasetFiles.Write(_directory, [3], new TfRecordWriterOptions { Compression = TfRecordCompression.Gzip });

        var error = Assert.Throws<NotSupportedException>(() => DatasetFiles.Ids(TfRecordDataset.FromFiles(paths).ShuffleGlobally(1).Batch<Numbered.Batch>(2)));

        Assert.Contains(paths[0], error.Message, StringComparison.Ordinal);
        Assert.Contains("compressed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void In_memory_samples_are_serialized_and_read_like_records()
    {
        var samples = Enumerable.Range(0, 9).Select(i => new Numbered(i * 10)).ToList();

        var ids = DatasetFiles.Ids(TfRecordDataset.FromExamples(samples).Batch<Numbered.Batch>(4));

        Assert.Equal([[0, 10, 20, 30], [40, 50, 60, 70], [80]], ids);
    }

    [Fact]
    public void An_in_memory_record_that_does_not_parse_is_named_by_its_index()
    {
        var records = DatasetFiles.InMemory(5);
        records[3] = [0x0A, 0x00];

        var error = Assert.Throws<DatasetParseException>(() => DatasetFiles.Ids(TfRecordDataset.FromRecords(records).Batch<Numbered.Batch>(5)));

        Assert.Null(error.FilePath);
        Assert.Equal(3, error.RecordOffset);
        Assert.Contains("in-memory record 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShuffleBatch_is_a_shuffle_through_a_full_queue_of_the_capacity()
    {
        var dataset = TfRecordDataset.FromRecords(DatasetFiles.InMemory(50));

        var tf1 = DatasetFiles.Ids(dataset.ShuffleBatch<Numbered.Batch>(batchSize: 8, capacity: 20, minAfterDequeue: 10, seed: 3));

        Assert.Equal(DatasetFiles.Ids(dataset.Shuffle(20, seed: 3).Batch<Numbered.Batch>(8)), tf1);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), DatasetFiles.Flatten(tf1).Order());
        Assert.Throws<ArgumentOutOfRangeException>(() => dataset.ShuffleBatch<Numbered.Batch>(8, capacity: 10, minAfterDequeue: 10, seed: 3));
    }

    [Fact]
    public void Interleave_takes_blocks_from_each_file_in_turn()
    {
        var paths = DatasetFiles.Write(_directory, [5, 3, 4]);

        var ids = DatasetFiles.Flatten(DatasetFiles.Ids(TfRecordDataset.FromFiles(paths).Interleave(cycleLength: 2, blockLength: 2).Batch<Numbered.Batch>(20)));

        // Files 0 (0..4) and 1 (5..7) in turn by twos; file 2 (8..11) takes file 1's place when it ends.
        Assert.Equal([0, 1, 5, 6, 2, 3, 7, 4, 8, 9, 10, 11], ids);
    }

    public void Dispose() => _directory.Dispose();
}
