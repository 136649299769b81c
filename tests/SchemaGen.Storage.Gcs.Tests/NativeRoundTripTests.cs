using SchemaGen.Records;

namespace SchemaGen.Storage.Gcs.Tests;

/// <summary>
/// The native store through Google.Cloud.Storage.V1 against the emulator: objects written are the bytes a local file
/// gets, ranged reads give the bytes asked for, compressed objects stream, indexes sit beside their objects.
/// </summary>
public sealed class NativeRoundTripTests : IClassFixture<GcsEmulator>, IDisposable
{
    private readonly GcsEmulator _gcs;
    private readonly GcsObjectStore _store;
    private readonly string _prefix = GcsEmulator.NewPrefix();
    private readonly TempDirectory _directory = new();

    public NativeRoundTripTests(GcsEmulator gcs)
    {
        _gcs = gcs;
        _store = gcs.Register();
    }

    [Fact]
    public void A_written_object_holds_the_bytes_of_the_same_records_written_to_a_file()
    {
        // 25 MB: one resumable upload session sent in three chunks (the SDK's chunk is 10 MiB), the last one short.
        var records = Enumerable.Range(0, 2500).Select(i => NumberedRecordFiles.Payload(i, 10_000)).ToList();
        string local = _directory.File("local.tfrecord");
        using (var writer = new TfRecordWriter(local))
        {
            records.ForEach(r => writer.Write(r));
        }

        string key = _prefix + "out/train.tfrecord";
        using (var writer = new TfRecordWriter(GcsEmulator.Uri(key), new TfRecordWriterOptions { WriteIndex = true }))
        {
            records.ForEach(r => writer.Write(r));
        }

        Assert.Equal(File.ReadAllBytes(local), _gcs.Get(key));
        Assert.Equal(TfRecordIndex.Build(local), TfRecordIndex.Read(new MemoryStream(_gcs.Get(key + ".idx"))));

        using var reader = new TfRecordReader(GcsEmulator.Uri(key));
        Assert.Equal(records, reader.ReadAll());
    }

    [Fact]
    public void An_empty_writer_makes_an_empty_object()
    {
        string key = _prefix + "empty.tfrecord";
        using (new TfRecordWriter(GcsEmulator.Uri(key)))
        {
        }

        Assert.Empty(_gcs.Get(key));
        Assert.Empty(TfRecordReader.ReadAllRecords(GcsEmulator.Uri(key)));
    }

    [Fact]
    public async Task Ranged_reads_give_the_bytes_asked_for_and_stop_at_the_end()
    {
        var bytes = NumberedRecordFiles.Payload(7, 3_000_000);
        string key = _prefix + "ranges.bin";
        _gcs.Put(key, bytes);

        var info = await _store.GetInfoAsync(ObjectUri.Parse(GcsEmulator.Uri(key)), CancellationToken.None);
        Assert.Equal(bytes.Length, info.Length);
        Assert.Equal(_gcs.Client.GetObject(GcsEmulator.Bucket, key).Generation!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), info.Version);

        var buffer = new byte[1 << 20];
        foreach (long offset in new long[] { 0, 1, 999_999, 2_000_000 })
        {
            int n = await _store.ReadAsync(info, offset, buffer, CancellationToken.None);
            Assert.Equal(Math.Min(buffer.Length, bytes.Length - offset), n);
            Assert.Equal(bytes.AsSpan((int)offset, n).ToArray(), buffer.AsSpan(0, n).ToArray());
        }

        Assert.Equal(0, await _store.ReadAsync(info, bytes.Length, buffer, CancellationToken.None));
    }

    [Fact]
    public void A_gzip_object_that_TFX_wrote_is_streamed_and_decompressed()
    {
        string path = InteropFiles.Path("tensorflow-tfx/tfx/components/testdata/penguin/data/Split-train/data_tfrecord-00000-of-00001.gz");
        string key = _prefix + "penguin/train.gz";
        _gcs.PutFile(key, path);

        var expected = TfRecordReader.ReadAllRecords(path);
        using var reader = new TfRecordReader(GcsEmulator.Uri(key));
        Assert.Equal(TfRecordCompression.Gzip, reader.Compression);
        Assert.Equal(expected, reader.ReadAll());
        Assert.NotEmpty(expected);
    }

    [Fact]
    public void A_gzip_object_written_here_reads_back()
    {
        var records = Enumerable.Range(0, 500).Select(i => NumberedRecordFiles.Payload(i, 3000)).ToList();
        string key = _prefix + "z/train.tfrecord.gz";
        using (var writer = new TfRecordWriter(GcsEmulator.Uri(key), new TfRecordWriterOptions { Compression = TfRecordCompression.Gzip }))
        {
            records.ForEach(r => writer.Write(r));
        }

        // Decompressed by the framework's own GZip, independently of the reader.
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(_gcs.Get(key)), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new TfRecordReader(gzip);
        Assert.Equal(records, reader.ReadAll());
        Assert.Equal(records, TfRecordReader.ReadAllRecords(GcsEmulator.Uri(key)));
    }

    [Fact]
    public void An_index_is_built_from_an_object_and_written_beside_it()
    {
        string local = LocalFiles.Write(_directory, [300])[0];
        string key = _prefix + "idx/part.tfrecord";
        _gcs.PutFile(key, local);

        var entries = TfRecordIndex.Build(GcsEmulator.Uri(key));
        TfRecordIndex.Write(TfRecordIndex.PathFor(GcsEmulator.Uri(key)), entries);

        Assert.Equal(TfRecordIndex.Build(local), entries);
        Assert.Equal(entries, TfRecordIndex.Read(GcsEmulator.Uri(key + ".idx")));
        Assert.Contains(key + ".idx", _gcs.Keys(_prefix));
    }

    public void Dispose() => _directory.Dispose();
}
