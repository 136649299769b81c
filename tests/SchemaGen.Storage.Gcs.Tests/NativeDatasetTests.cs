using SchemaGen.Datasets;
using SchemaGen.Records;

namespace SchemaGen.Storage.Gcs.Tests;

/// <summary>
/// The dataset over gs:// objects read by the native store gives what it gives over the same files on local disk:
/// globbing over listings of several pages, exactly-once and determinism, the global shuffle through <c>.idx</c>
/// sidecars, and an error for an object replaced after it was listed or while it is read.
/// </summary>
public sealed class NativeDatasetTests : IClassFixture<GcsEmulator>, IDisposable
{
    private readonly GcsEmulator _gcs;
    private readonly string _prefix = GcsEmulator.NewPrefix();
    private readonly TempDirectory _directory = new();
    private readonly string[] _local;

    public NativeDatasetTests(GcsEmulator gcs)
    {
        _gcs = gcs;
        gcs.Register();
        _local = LocalFiles.Write(_directory, [400, 250, 333, 20], padding: 2000);
        foreach (string path in _local)
        {
            _gcs.PutFile(Key($"train/{Path.GetFileName(path)}"), path);
        }
    }

    [Fact]
    public void A_pattern_lists_its_prefix_and_matches_like_a_local_glob()
    {
        _gcs.Put(Key("train/part-00001.tfrecord.idx"), "0 16\n"u8.ToArray());
        _gcs.Put(Key("train/notes.txt"), [1]);
        _gcs.Put(Key("train/sub/part-00009.tfrecord"), [1]);
        _gcs.Put(Key("trainer/part-00000.tfrecord"), [1]);

        var files = TfRecordDataset.FromFiles(Uri("train/part-*.tfrecord")).Files;
        Assert.Equal(_local.Select(p => Uri($"train/{Path.GetFileName(p)}")), files);

        // As for local files: the sidecar of a matched object is left out; a segment's wildcard stays in its segment.
        Assert.Equal(files.Append(Uri("train/notes.txt")).Order(StringComparer.Ordinal), TfRecordDataset.FromFiles(Uri("train/*")).Files);
        Assert.Equal([Uri("train/sub/part-00009.tfrecord")], TfRecordDataset.FromFiles(Uri("train/*/part-*.tfrecord")).Files);
        Assert.Equal([Uri("train/part-00002.tfrecord")], TfRecordDataset.FromFiles(Uri("train/part-00002.tfrecord")).Files);
    }

    [Fact]
    public void A_listing_of_more_than_one_page_is_read_to_its_end()
    {
        // GCS (and the emulator) return at most 1000 objects a page: 1203 take two pages and a next-page token.
        var keys = Enumerable.Range(0, 1203).Select(i => Key($"many/obj-{i:00000}.tfrecord")).ToList();
        _gcs.PutMany([.. keys.Select(k => (k, new byte[] { 1 }))]);

        var files = TfRecordDataset.FromFiles(Uri("many/obj-*.tfrecord")).Files;
        Assert.Equal(keys.Select(GcsEmulator.Uri), files);
        Assert.Equal(keys, _gcs.Keys(Key("many/")));
    }

    [Fact]
    public void A_pattern_that_matches_nothing_names_itself()
    {
        var e = Assert.Throws<FileNotFoundException>(() => TfRecordDataset.FromFiles(Uri("train/val-*.tfrecord")));
        Assert.Contains(Uri("train/val-*.tfrecord"), e.Message);
    }

    [Fact]
    public void Every_record_comes_once_in_the_order_the_local_files_give_at_any_parallelism()
    {
        var fromDisk = Ids(Pipeline(_directory.File("part-*.tfrecord")).Prefetch(0).WithMaxDegreeOfParallelism(1));
        Assert.Equal(Enumerable.Range(0, 1003).Select(i => (long)i), fromDisk.SelectMany(b => b).Order());

        foreach (int degree in new[] { 1, 3 })
        {
            var fromGcs = Ids(Pipeline(Uri("train/part-*.tfrecord")).Prefetch(2).WithMaxDegreeOfParallelism(degree));
            Assert.Equal(fromDisk, fromGcs);
        }
    }

    [Fact]
    public void The_global_shuffle_reads_records_through_the_sidecars_beside_the_objects()
    {
        foreach (string path in _local)
        {
            var index = new MemoryStream();
            TfRecordIndex.Write(index, TfRecordIndex.Build(path));
            _gcs.Put(Key($"train/{Path.GetFileName(path)}.idx"), index.ToArray());
            TfRecordIndex.Write(TfRecordIndex.PathFor(path), TfRecordIndex.Build(path));
        }

        var local = Ids(TfRecordDataset.FromFiles(_directory.File("part-*.tfrecord")).ShuffleGlobally(seed: 5).Batch<Numbered.Batch>(32).WithMaxDegreeOfParallelism(1));
        var remote = Ids(TfRecordDataset.FromFiles(Uri("train/part-*.tfrecord")).ShuffleGlobally(seed: 5).Batch<Numbered.Batch>(32).WithMaxDegreeOfParallelism(3));

        Assert.Equal(local, remote);
        Assert.NotEqual(local.SelectMany(b => b).Order(), local.SelectMany(b => b));
    }

    [Fact]
    public void An_object_replaced_after_listing_is_an_error_not_mixed_data()
    {
        var dataset = TfRecordDataset.FromFiles(Uri("train/part-*.tfrecord")).Batch<Numbered.Batch>(16);
        _gcs.PutFile(Key("train/part-00002.tfrecord"), _local[1]);

        var e = Assert.ThrowsAny<Exception>(() => Ids(dataset));
        var changed = Assert.IsType<ObjectChangedException>(NumberedRecordFiles.Unwrap<ObjectChangedException>(e));
        Assert.Equal(Uri("train/part-00002.tfrecord"), changed.Uri.ToString());
    }

    [Fact]
    public void An_object_replaced_mid_read_is_an_ObjectChangedException()
    {
        // 30 MB: more than the reader's 16 MiB read-ahead, so later ranged reads go to the server after the replacement.
        string local = _directory.File("big.tfrecord");
        using (var writer = new TfRecordWriter(local))
        {
            for (int i = 0; i < 3000; i++)
            {
                writer.Write(NumberedRecordFiles.Payload(i, 10_000));
            }
        }

        _gcs.PutFile(Key("big.tfrecord"), local);
        using var reader = new TfRecordReader(Uri("big.tfrecord"));
        Assert.True(reader.TryReadNext(out _));
        _gcs.Put(Key("big.tfrecord"), File.ReadAllBytes(local).Reverse().ToArray());

        var e = Assert.Throws<ObjectChangedException>(() => reader.ReadAll().ToList());
        Assert.Equal(Uri("big.tfrecord"), e.Uri.ToString());
        Assert.True(e.Offset > 0);
    }

    private string Key(string name) => _prefix + name;

    private string Uri(string name) => GcsEmulator.Uri(Key(name));

    private static BatchDataset<Numbered.Batch> Pipeline(string pattern) =>
        TfRecordDataset.FromFiles(pattern).ShuffleFiles(3).Interleave(cycleLength: 3, blockLength: 4).Shuffle(100, seed: 9).Batch<Numbered.Batch>(16);

    private static List<long[]> Ids(BatchDataset<Numbered.Batch> batches) => LocalFiles.Ids(batches);

    public void Dispose() => _directory.Dispose();
}
