using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using SchemaGen.Storage.S3;

namespace SchemaGen.Storage.Gcs.Tests;

/// <summary>
/// <c>gs://</c> addresses served through GCS's S3-compatible XML API (HMAC keys), as docs/storage.md configures it:
/// the S3 store registered for the <c>gs</c> scheme. s3rver stands in for GCS's XML API at
/// storage.googleapis.com; what is checked is that gs:// addresses go through that store end to end.
/// </summary>
public sealed class GsThroughS3InteropTests : IDisposable
{
    private const string Bucket = "gcs-bucket";
    private readonly TempDirectory _temp = new();
    private readonly S3Server _server = new(Bucket);
    private readonly AmazonS3Client _client;

    public GsThroughS3InteropTests()
    {
        // The recipe's client, pointed at the local server instead of https://storage.googleapis.com.
        _client = new AmazonS3Client(new BasicAWSCredentials(S3Server.AccessKey, S3Server.SecretKey), new AmazonS3Config
        {
            ServiceURL = _server.Endpoint,
            ForcePathStyle = true,
            AuthenticationRegion = "auto",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
        ObjectStores.Register(new S3ObjectStore(_client, "gs"));
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_gs_glob_dataset_gives_the_records_of_the_same_files_on_disk()
    {
        long id = 0;
        foreach (int count in new[] { 30, 0, 45 })
        {
            string path = _temp.File($"part-{id:00000}.tfrecord");
            using (var writer = new TfRecordWriter(path))
            {
                for (int i = 0; i < count; i++)
                {
                    writer.Write(Record(id++));
                }
            }

            // Put with the SDK directly, not through SchemaGen.
            await _client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "ds/" + Path.GetFileName(path), FilePath = path, UseChunkEncoding = false });
        }

        Assert.Equal(Ids(TfRecordDataset.FromFiles(_temp.File("part-*.tfrecord")).ShuffleFiles(3).Shuffle(20, 4)),
            Ids(TfRecordDataset.FromFiles($"gs://{Bucket}/ds/part-*.tfrecord").ShuffleFiles(3).Shuffle(20, 4)));
    }

    [Fact]
    public async Task A_gs_writer_puts_the_bytes_of_a_local_write()
    {
        var records = Enumerable.Range(0, 50).Select(i => Record(i)).ToList();
        string local = _temp.File("local.tfrecord");
        using (var writer = new TfRecordWriter(local))
        {
            records.ForEach(r => writer.Write(r));
        }

        using (var writer = new TfRecordWriter($"gs://{Bucket}/written.tfrecord"))
        {
            records.ForEach(r => writer.Write(r));
        }

        using var response = await _client.GetObjectAsync(Bucket, "written.tfrecord");
        using var bytes = new MemoryStream();
        await response.ResponseStream.CopyToAsync(bytes);
        Assert.Equal(File.ReadAllBytes(local), bytes.ToArray());
    }

    private static byte[] Record(long id)
    {
        var payload = new byte[50 + (int)(id % 300)];
        new Random((int)id).NextBytes(payload);
        return new Numbered(id, payload).ToByteArray();
    }

    private static List<long> Ids(TfRecordDataset dataset)
    {
        var ids = new List<long>();
        using var reader = dataset.Batch<Numbered.Batch>(8).Open();
        while (reader.MoveNext())
        {
            ids.AddRange(reader.Current.Id[..reader.Current.Count].ToArray());
        }

        return ids;
    }
}
