using SchemaGen.Datasets;
using SchemaGen.Records;

namespace SchemaGen.Storage.S3.Tests;

/// <summary>
/// The dataset over objects gives what it gives over the same files on local disk: globbing, exactly-once,
/// determinism at any parallelism, sharding and the global shuffle through <c>.idx</c> sidecars beside the objects.
/// </summary>
public sealed class DatasetTests : IDisposable
{
    private readonly S3Harness _s3 = new(proxy: true);
    private readonly TempDirectory _directory = new();
    private readonly string[] _local;

    public DatasetTests()
    {
        _local = LocalFiles.Write(_directory, [400, 250, 333, 20], padding: 2000);
        foreach (string path in _local)
        {
            _s3.PutFile($"train/{Path.GetFileName(path)}", path);
        }
    }

    [Fact]
    public void A_pattern_lists_its_prefix_and_matches_like_a_local_glob()
    {
        _s3.Put("train/part-00001.tfrecord.idx", "0 16\n"u8.ToArray());
        _s3.Put("train/notes.txt", [1]);
        _s3.Put("train/sub/part-00009.tfrecord", [1]);
        _s3.Put("trainer/part-00000.tfrecord", [1]);

        var files = TfRecordDataset.FromFiles(_s3.Uri("train/part-*.tfrecord")).Files;
        Assert.Equal(_local.Select(p => _s3.Uri($"train/{Path.GetFileName(p)}")), files);

        // As for local files: the sidecar of a matched object is left out; a segment's wildcard stays in its segment.
        Assert.Equal(files.Append(_s3.Uri("train/notes.txt")).Order(StringComparer.Ordinal), TfRecordDataset.FromFiles(_s3.Uri("train/*")).Files);
        Assert.Equal([_s3.Uri("train/sub/part-00009.tfrecord")], TfRecordDataset.FromFiles(_s3.Uri("train/*/part-*.tfrecord")).Files);
        Assert.Equal([_s3.Uri("train/part-00002.tfrecord")], TfRecordDataset.FromFiles(_s3.Uri("train/part-00002.tfrecord")).Files);
    }

    [Fact]
    public void A_pattern_that_matches_nothing_names_itself()
    {
        var e = Assert.Throws<FileNotFoundException>(() => TfRecordDataset.FromFiles(_s3.Uri("train/val-*.tfrecord")));
        Assert.Contains(_s3.Uri("train/val-*.tfrecord"), e.Message);
    }

    [Fact]
    public void Every_record_comes_once_in_the_order_the_local_files_give_at_any_parallelism()
    {
        var fromDisk = Ids(Pipeline(_directory.File("part-*.tfrecord")).Prefetch(0).WithMaxDegreeOfParallelism(1));
        Assert.Equal(Enumerable.Range(0, 1003).Select(i => (long)i), fromDisk.SelectMany(b => b).Order());

        foreach (int degree in new[] { 1, 2, 4 })
        {
            var fromS3 = Ids(Pipeline(_s3.Uri("train/part-*.tfrecord")).Prefetch(2).WithMaxDegreeOfParallelism(degree));
            Assert.Equal(fromDisk, fromS3);
        }
    }

    [Fact]
    public void Shards_by_record_are_the_local_shards()
    {
        for (int shard = 0; shard < 3; shard++)
        {
            var local = Ids(TfRecordDataset.FromFiles(_directory.File("part-*.tfrecord")).Shard(shard, 3, mode: ShardMode.ByRecord).Batch<Numbered.Batch>(16));
            var remote = Ids(TfRecordDataset.FromFiles(_s3.Uri("train/part-*.tfrecord")).Shard(shard, 3, mode: ShardMode.ByRecord).Batch<Numbered.Batch>(16));
            Assert.Equal(local, remote);
        }
    }

    [Fact]
    public void The_global_shuffle_reads_each_record_with_one_request_through_the_sidecars_beside_the_objects()
    {
        foreach (string path in _local)
        {
            var index = new MemoryStream();
            TfRecordIndex.Write(index, TfRecordIndex.Build(path));
            _s3.Put($"train/{Path.GetFileName(path)}.idx", index.ToArray());
            TfRecordIndex.Write(TfRecordIndex.PathFor(path), TfRecordIndex.Build(path));
        }

        var local = Ids(TfRecordDataset.FromFiles(_directory.File("part-*.tfrecord")).ShuffleGlobally(seed: 5).Batch<Numbered.Batch>(32).WithMaxDegreeOfParallelism(1));
        int before = _s3.Proxy!.Requests;
        var remote = Ids(TfRecordDataset.FromFiles(_s3.Uri("train/part-*.tfrecord")).ShuffleGlobally(seed: 5).Batch<Numbered.Batch>(32).WithMaxDegreeOfParallelism(3));
        int requests = _s3.Proxy.Requests - before;

        Assert.Equal(local, remote);
        Assert.NotEqual(local.SelectMany(b => b).Order(), local.SelectMany(b => b));

        // A listing and a look-up and a read of each sidecar, then one ranged GET per record: nothing read whole.
        Assert.InRange(requests, 1003, 1003 + 20);
    }

    [Fact]
    public void An_object_replaced_after_listing_is_an_error_not_mixed_data()
    {
        var dataset = TfRecordDataset.FromFiles(_s3.Uri("train/part-*.tfrecord")).Batch<Numbered.Batch>(16);
        _s3.Put("train/part-00002.tfrecord", File.ReadAllBytes(_local[1]));

        var e = Assert.ThrowsAny<Exception>(() => Ids(dataset));
        var changed = Assert.IsType<ObjectChangedException>(NumberedRecordFiles.Unwrap<ObjectChangedException>(e));
        Assert.Equal(_s3.Uri("train/part-00002.tfrecord"), changed.Uri.ToString());
    }

    private static BatchDataset<Numbered.Batch> Pipeline(string pattern) =>
        TfRecordDataset.FromFiles(pattern).ShuffleFiles(3).Interleave(cycleLength: 3, blockLength: 4).Shuffle(100, seed: 9).Batch<Numbered.Batch>(16);

    private static List<long[]> Ids(BatchDataset<Numbered.Batch> batches) => LocalFiles.Ids(batches);

    public void Dispose()
    {
        _s3.Dispose();
        _directory.Dispose();
    }
}
