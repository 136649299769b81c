using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using SchemaGen.Storage;
using SchemaGen.Storage.S3;
using SchemaGen.Testing.Storage;

namespace SchemaGen.TensorBoard.Tests;

/// <summary>A run folder in object storage (s3rver, tests/servers): the object holds every flushed event.</summary>
public class ObjectStorageTests
{
    private const long Millis = 1_700_000_000_250;

    [Fact]
    public void The_object_holds_the_flushed_events_and_after_dispose_all_of_them()
    {
        using var server = new S3Server("logs");
        using var direct = Client(server.Endpoint);
        // A scheme of this test's own, so that tests running at once each reach their own server.
        ObjectStores.Register(new S3ObjectStore(Client(server.Endpoint), "s3tb"));

        var writer = new SummaryWriter("s3tb://logs/runs/a", new SummaryWriterOptions { TimeProvider = new FakeClock(Millis) });
        string key = writer.FilePath["s3tb://logs/".Length..];
        Assert.StartsWith("runs/a/events.out.tfevents.1700000000.", key);

        writer.AddScalar("loss", 0.5f, 1);
        writer.Flush();
        var flushed = Events(direct, key);
        Assert.Equal("brain.Event:2", flushed[0].FileVersion);
        Assert.Equal(Expected.Event(1_700_000_000.25, 1, Expected.Value("loss", Expected.FloatScalar(0.5f), "scalars")), flushed[1]);

        writer.AddScalar("loss", 0.25f, 2);
        writer.Dispose();
        var all = Events(direct, key);
        Assert.Equal(3, all.Count);
        Assert.Equal(Expected.Event(1_700_000_000.25, 2, Expected.Value("loss", Expected.FloatScalar(0.25f), "scalars")), all[2]);
        Assert.Equal([key], Keys(direct));
    }

    private static AmazonS3Client Client(string endpoint) => new(
        new BasicAWSCredentials(S3Server.AccessKey, S3Server.SecretKey),
        new AmazonS3Config
        {
            ServiceURL = endpoint,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });

    // The oracle: a plain SDK download, framed by the TFRecord reader, parsed by TensorBoard's own Event class.
    private static List<Event> Events(AmazonS3Client client, string key)
    {
        using var response = client.GetObjectAsync("logs", key).GetAwaiter().GetResult();
        var bytes = new MemoryStream();
        response.ResponseStream.CopyTo(bytes);
        bytes.Position = 0;
        var events = new List<Event>();
        using var reader = new TfRecordReader(bytes);
        while (reader.TryReadNext(out var record))
        {
            events.Add(Event.Parser.ParseFrom(record.ToArray()));
        }

        return events;
    }

    private static List<string> Keys(AmazonS3Client client) =>
        [.. (client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "logs" }).GetAwaiter().GetResult().S3Objects ?? []).Select(o => o.Key)];
}
