using System.IO.Compression;
using System.Text;
using Azure;
using Azure.Storage.Blobs;

namespace SchemaGen.Storage.Azure.Tests;

/// <summary>
/// The Azure store against Azurite, Microsoft's emulator, through the public APIs that take addresses (the dataset,
/// the reader, the writer) and through the store's own contract. Blobs the tests compare against are put and fetched
/// with the SDK directly, not through the code under test.
/// </summary>
public sealed class AzureObjectStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..8] + "/";

    public void Dispose()
    {
        azurite.RegisterDefault();
        _temp.Dispose();
    }

    private string Az(string key) => $"az://{AzuriteFixture.Container}/{_prefix}{key}";

    private ObjectUri Uri(string key) => ObjectUri.Parse(Az(key));

    private void Put(string key, byte[] bytes) => azurite.Blobs.GetBlobClient(_prefix + key).Upload(new BinaryData(bytes), overwrite: true);

    private byte[] Get(string key) => azurite.Blobs.GetBlobClient(_prefix + key).DownloadContent().Value.Content.ToArray();

    [Fact]
    public void The_writer_puts_the_bytes_a_local_write_gives_and_the_reader_reads_them_back()
    {
        var records = Enumerable.Range(0, 300).Select(i => Records.Record(i)).ToList();
        string local = _temp.File("local.tfrecord");
        using (var writer = new TfRecordWriter(local))
        {
            records.ForEach(r => writer.Write(r));
        }

        using (var writer = new TfRecordWriter(Az("written.tfrecord")))
        {
            records.ForEach(r => writer.Write(r));
        }

        Assert.Equal(File.ReadAllBytes(local), Get("written.tfrecord"));
        using var reader = new TfRecordReader(Az("written.tfrecord"));
        Assert.Equal(records, reader.ReadAll().ToList());
    }

    [Fact]
    public void A_dataset_over_a_glob_of_blobs_gives_the_records_of_the_same_files_on_disk_in_the_same_order()
    {
        var local = Records.WriteLocal(_temp, 40, 0, 77, 13, 58);
        foreach (string path in local)
        {
            Put("ds/" + Path.GetFileName(path), File.ReadAllBytes(path));
        }

        // Neither matches the pattern: another prefix, and Spark's marker.
        Put("other/part-00000.tfrecord", File.ReadAllBytes(local[0]));
        Put("ds/_SUCCESS", []);

        TfRecordDataset Pipeline(TfRecordDataset files) => files.ShuffleFiles(seed: 5).Interleave(2, blockLength: 3).Shuffle(50, seed: 9).Repeat(2);
        var fromDisk = Records.Ids(Pipeline(TfRecordDataset.FromFiles(_temp.File("part-*.tfrecord"))));
        var fromBlobs = Records.Ids(Pipeline(TfRecordDataset.FromFiles(Az("ds/part-*.tfrecord"))));

        Assert.Equal(fromDisk, fromBlobs);
        // Exactly once per epoch.
        Assert.Equal(Enumerable.Range(0, 188).SelectMany(i => new long[] { i, i }), fromBlobs.Order());
    }

    [Fact]
    public void A_gzip_blob_is_read_as_its_records()
    {
        var local = Records.WriteLocal(_temp, 120)[0];
        using (var compressed = new MemoryStream())
        {
            // Compressed by the framework's gzip, not by SchemaGen's writer.
            using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(File.ReadAllBytes(local));
            }

            Put("gz/part-00000.tfrecord.gz", compressed.ToArray());
        }

        using var reader = new TfRecordReader(Az("gz/part-00000.tfrecord.gz"));
        Assert.Equal(TfRecordCompression.Gzip, reader.Compression);
        Assert.Equal(TfRecordReader.ReadAllRecords(local), reader.ReadAll().ToList());
    }

    [Fact]
    public async Task A_missing_container_or_blob_is_a_file_not_found_naming_the_address()
    {
        var noContainer = ObjectUri.Parse("az://no-such-container/a.tfrecord");
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => azurite.Store.GetInfoAsync(noContainer, default));
        Assert.Equal("az://no-such-container/a.tfrecord: the container 'no-such-container' does not exist.", error.Message);

        var noBlob = Assert.Throws<FileNotFoundException>(() => new TfRecordReader(Az("missing.tfrecord")));
        Assert.Contains(Az("missing.tfrecord"), noBlob.Message, StringComparison.Ordinal);

        await Assert.ThrowsAsync<FileNotFoundException>(async () =>
        {
            await foreach (var _ in azurite.Store.ListAsync(noContainer, default))
            {
            }
        });
    }

    [Fact]
    public async Task A_wrong_key_is_refused_with_the_address_and_without_the_key()
    {
        Put("secret.tfrecord", [1, 2, 3]);
        string wrongKey = Convert.ToBase64String(Encoding.ASCII.GetBytes("not the account key, but as long as one is!!"));
        var connection = azurite.Server.ConnectionString.Replace(AzuriteServer.AccountKey, wrongKey, StringComparison.Ordinal);
        var store = new AzureObjectStore(new BlobServiceClient(connection, new BlobClientOptions { Retry = { MaxRetries = 0 } }));

        var error = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => store.GetInfoAsync(Uri("secret.tfrecord"), default));

        Assert.StartsWith(Az("secret.tfrecord") + ": access refused (", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteServer.AccountKey, error.ToString(), StringComparison.Ordinal);
        Assert.False(store.IsTransient(error));
    }

    [Fact]
    public async Task A_blob_replaced_while_it_is_read_is_an_object_changed_error_at_the_offset_reached()
    {
        Put("changing.bin", Enumerable.Repeat((byte)1, 5000).ToArray());
        var info = await azurite.Store.GetInfoAsync(Uri("changing.bin"), default);
        var buffer = new byte[1000];
        Assert.Equal(1000, await azurite.Store.ReadAsync(info, 0, buffer, default));
        Assert.All(buffer, b => Assert.Equal(1, b));

        Put("changing.bin", Enumerable.Repeat((byte)2, 5000).ToArray());

        var error = await Assert.ThrowsAsync<ObjectChangedException>(() => azurite.Store.ReadAsync(info, 1000, buffer, default));
        Assert.Equal(1000, error.Offset);
        Assert.Equal(info.Uri, error.Uri);
        Assert.False(azurite.Store.IsTransient(error));
    }

    [Fact]
    public async Task Ranged_reads_return_the_requested_bytes_and_stop_at_the_end()
    {
        var bytes = new byte[10_000];
        new Random(3).NextBytes(bytes);
        Put("ranged.bin", bytes);
        var info = await azurite.Store.GetInfoAsync(Uri("ranged.bin"), default);
        Assert.Equal(10_000, info.Length);

        var buffer = new byte[4096];
        Assert.Equal(4096, await azurite.Store.ReadAsync(info, 1234, buffer, default));
        Assert.Equal(bytes[1234..(1234 + 4096)], buffer);
        Assert.Equal(10_000 - 8000, await azurite.Store.ReadAsync(info, 8000, buffer, default));
        Assert.Equal(bytes[8000..], buffer[..2000]);
        Assert.Equal(0, await azurite.Store.ReadAsync(info, 10_000, buffer, default));
    }

    [Fact]
    public async Task Blocks_are_invisible_until_committed_and_an_aborted_upload_leaves_no_blob_and_the_old_one_as_it_was()
    {
        await using (var upload = await azurite.Store.StartUploadAsync(Uri("aborted.bin"), default))
        {
            await upload.UploadPartAsync(1, new byte[] { 1, 2, 3 }, default);
            Assert.False(azurite.Blobs.GetBlobClient(_prefix + "aborted.bin").Exists().Value);
            await upload.AbortAsync(default);
        }

        Assert.False(azurite.Blobs.GetBlobClient(_prefix + "aborted.bin").Exists().Value);

        Put("kept.bin", [9, 9, 9]);
        await using (var upload = await azurite.Store.StartUploadAsync(Uri("kept.bin"), default))
        {
            await upload.UploadPartAsync(1, new byte[] { 1, 2, 3, 4 }, default);
            // Disposed without completing: an abort.
        }

        Assert.Equal(new byte[] { 9, 9, 9 }, Get("kept.bin"));
    }

    [Fact]
    public async Task Parts_uploaded_out_of_order_and_concurrently_are_committed_in_part_order()
    {
        var parts = Enumerable.Range(1, 5).Select(p => Enumerable.Repeat((byte)p, 1000 * p).ToArray()).ToArray();
        ObjectInfo written;
        await using (var upload = await azurite.Store.StartUploadAsync(Uri("parts.bin"), default))
        {
            await Task.WhenAll(Enumerable.Range(1, 5).Reverse().Select(p => upload.UploadPartAsync(p, parts[p - 1], default)));
            written = await upload.CompleteAsync(5, default);
        }

        Assert.Equal(parts.SelectMany(p => p).ToArray(), Get("parts.bin"));
        Assert.Equal(15_000, written.Length);
        var listed = await azurite.Store.ListAsync(Uri("parts"), default).ToListAsync();
        Assert.Equal(written, Assert.Single(listed));
        Assert.Equal(written, await azurite.Store.GetInfoAsync(Uri("parts.bin"), default));
    }

    [Fact]
    public async Task Injected_503s_are_transient_and_a_dataset_read_through_them_and_latency_is_whole()
    {
        var local = Records.WriteLocal(_temp, 200, 150);
        foreach (string path in local)
        {
            Put("faulty/" + Path.GetFileName(path), File.ReadAllBytes(path));
        }

        using var proxy = new FaultProxy(azurite.Server.Port);
        string connection = azurite.Server.ConnectionString.Replace(azurite.Server.Endpoint, proxy.Endpoint, StringComparison.Ordinal);
        // The SDK's own retries off: every 503 reaches the store, and the core's retries must absorb them.
        var store = AzureObjectStore.Register(new BlobServiceClient(connection, new BlobClientOptions { Retry = { MaxRetries = 0 } }));

        var info = await store.GetInfoAsync(Uri("faulty/part-00000.tfrecord"), default);
        proxy.FailNext(1);
        var direct = await Assert.ThrowsAsync<RequestFailedException>(() => store.ReadAsync(info, 0, new byte[100], default));
        Assert.Equal(503, direct.Status);
        Assert.True(store.IsTransient(direct));

        proxy.Latency = TimeSpan.FromMilliseconds(20);
        proxy.FailNext(4);
        var ids = Records.Ids(TfRecordDataset.FromFiles(Az("faulty/part-*.tfrecord")));

        Assert.Equal(0, proxy.PendingFailures);
        Assert.Equal(Records.Ids(TfRecordDataset.FromFiles(local)), ids);
    }

    [Fact]
    public void The_https_form_naming_the_store_s_account_reads_through_its_client()
    {
        var local = Records.WriteLocal(_temp, 30)[0];
        Put("https/part-00000.tfrecord", File.ReadAllBytes(local));

        using var reader = new TfRecordReader($"https://{AzuriteServer.AccountName}.blob.core.windows.net/{AzuriteFixture.Container}/{_prefix}https/part-00000.tfrecord");

        Assert.Equal(TfRecordReader.ReadAllRecords(local), reader.ReadAll().ToList());
    }
}
