namespace SchemaGen.Storage.Gcs.Tests;

/// <summary>A missing bucket or object through the native store is the error the S3 and Azure stores give, naming the address.</summary>
public sealed class NativeErrorTests : IClassFixture<GcsEmulator>
{
    private readonly string _prefix = GcsEmulator.NewPrefix();

    public NativeErrorTests(GcsEmulator gcs)
    {
        gcs.Register();
    }

    [Fact]
    public void A_missing_object_is_a_FileNotFoundException_naming_it()
    {
        string uri = GcsEmulator.Uri(_prefix + "missing.tfrecord");
        var e = Assert.Throws<FileNotFoundException>(() => new TfRecordReader(uri));
        Assert.Contains(uri, e.Message);
        Assert.Equal(uri, e.FileName);
    }

    [Fact]
    public void A_missing_bucket_is_a_FileNotFoundException_that_says_so()
    {
        var listing = Assert.Throws<FileNotFoundException>(() => TfRecordDataset.FromFiles("gs://no-such-bucket/train-*.tfrecord"));
        Assert.Contains("gs://no-such-bucket/", listing.Message);
        Assert.Contains("the bucket 'no-such-bucket' does not exist", listing.Message);

        var write = Assert.ThrowsAny<Exception>(() =>
        {
            using var writer = new TfRecordWriter("gs://no-such-bucket/out.tfrecord");
            writer.Write([1, 2, 3]);
        });
        var missing = Assert.IsType<FileNotFoundException>(NumberedRecordFiles.Unwrap<FileNotFoundException>(write));
        Assert.Contains("gs://no-such-bucket/out.tfrecord", missing.Message);
    }
}
