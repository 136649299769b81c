using SchemaGen.Records;

namespace SchemaGen.Storage.S3.Tests;

/// <summary>Objects written through the writer are the bytes a local file gets; the reader reads objects as files.</summary>
public sealed class RoundTripTests : IDisposable
{
    private readonly S3Harness _s3 = new();
    private readonly TempDirectory _directory = new();

    [Fact]
    public void A_written_object_holds_the_bytes_of_the_same_records_written_to_a_file()
    {
        // 20 MB: three parts of a multipart upload, the last one short.
        var records = Enumerable.Range(0, 2000).Select(i => NumberedRecordFiles.Payload(i, 10_000)).ToList();
        string local = _directory.File("local.tfrecord");
        using (var writer = new TfRecordWriter(local))
        {
            records.ForEach(r => writer.Write(r));
        }

        using (var writer = new TfRecordWriter(_s3.Uri("out/train.tfrecord"), new TfRecordWriterOptions { WriteIndex = true }))
        {
            records.ForEach(r => writer.Write(r));
        }

        Assert.Equal(File.ReadAllBytes(local), _s3.Get("out/train.tfrecord"));
        var expectedIndex = TfRecordIndex.Build(local);
        Assert.Equal(expectedIndex, TfRecordIndex.Read(new MemoryStream(_s3.Get("out/train.tfrecord.idx"))));

        using var reader = new TfRecordReader(_s3.Uri("out/train.tfrecord"));
        Assert.Equal(records, reader.ReadAll());
    }

    [Fact]
    public void An_empty_writer_makes_an_empty_object()
    {
        using (new TfRecordWriter(_s3.Uri("empty.tfrecord")))
        {
        }

        Assert.Empty(_s3.Get("empty.tfrecord"));
        Assert.Empty(TfRecordReader.ReadAllRecords(_s3.Uri("empty.tfrecord")));
    }

    [Fact]
    public void A_gzip_object_that_TFX_wrote_is_streamed_and_decompressed()
    {
        string path = InteropFiles.Path("tensorflow-tfx/tfx/components/testdata/penguin/data/Split-train/data_tfrecord-00000-of-00001.gz");
        _s3.PutFile("penguin/train.gz", path);

        var expected = TfRecordReader.ReadAllRecords(path);
        using var reader = new TfRecordReader(_s3.Uri("penguin/train.gz"));
        Assert.Equal(TfRecordCompression.Gzip, reader.Compression);
        Assert.Equal(expected, reader.ReadAll());
        Assert.NotEmpty(expected);
    }

    [Fact]
    public void A_gzip_object_written_here_reads_back()
    {
        var records = Enumerable.Range(0, 500).Select(i => NumberedRecordFiles.Payload(i, 3000)).ToList();
        var options = new TfRecordWriterOptions { Compression = TfRecordCompression.Gzip };
        using (var writer = new TfRecordWriter(_s3.Uri("z/train.tfrecord.gz"), options))
        {
            records.ForEach(r => writer.Write(r));
        }

        // Decompressed by the framework's own GZip, independently of the reader.
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(_s3.Get("z/train.tfrecord.gz")), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new TfRecordReader(gzip);
        Assert.Equal(records, reader.ReadAll());
    }

    [Fact]
    public void An_index_is_built_from_an_object_and_written_beside_it()
    {
        string local = LocalFiles.Write(_directory, [300])[0];
        _s3.PutFile("idx/part.tfrecord", local);

        var entries = TfRecordIndex.Build(_s3.Uri("idx/part.tfrecord"));
        TfRecordIndex.Write(TfRecordIndex.PathFor(_s3.Uri("idx/part.tfrecord")), entries);

        Assert.Equal(TfRecordIndex.Build(local), entries);
        Assert.Equal(entries, TfRecordIndex.Read(_s3.Uri("idx/part.tfrecord.idx")));
        Assert.Contains("idx/part.tfrecord.idx", _s3.Keys());
    }

    public void Dispose()
    {
        _s3.Dispose();
        _directory.Dispose();
    }
}
