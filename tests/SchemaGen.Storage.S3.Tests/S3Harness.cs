using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace SchemaGen.Storage.S3.Tests;

/// <summary>
/// One test's S3 world: an s3rver with a bucket, optionally a <see cref="FaultProxy"/> in front of it, an SDK client
/// through the proxy, and an <see cref="S3ObjectStore"/> registered under a scheme of the test's own (so tests that run
/// at once each reach their own server). <see cref="Direct"/> reaches the server without faults, as an oracle.
/// </summary>
internal sealed class S3Harness : IDisposable
{
    public const string Bucket = "data";

    private static int _schemes;

    public S3Harness(bool proxy = false, string accessKey = S3Server.AccessKey, string secret = S3Server.SecretKey)
    {
        Server = new S3Server(Bucket);
        Proxy = proxy ? new FaultProxy(Server.Port) : null;
        Direct = Client(Server.Endpoint, S3Server.AccessKey, S3Server.SecretKey);
        Scheme = $"s3test{Interlocked.Increment(ref _schemes)}";
        Store = new S3ObjectStore(Client(Proxy?.Endpoint ?? Server.Endpoint, accessKey, secret), Scheme);
        ObjectStores.Register(Store);
    }

    public S3Server Server { get; }

    public FaultProxy? Proxy { get; }

    /// <summary>A client straight to the server: the test's own view of what is stored.</summary>
    public IAmazonS3 Direct { get; }

    public S3ObjectStore Store { get; }

    public string Scheme { get; }

    /// <summary>The address of <paramref name="key"/> in the bucket, under this test's scheme.</summary>
    public string Uri(string key) => $"{Scheme}://{Bucket}/{key}";

    public static IAmazonS3 Client(string endpoint, string accessKey, string secret) => new AmazonS3Client(
        new BasicAWSCredentials(accessKey, secret),
        new AmazonS3Config
        {
            ServiceURL = endpoint,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });

    public void Put(string key, byte[] bytes) =>
        Direct.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, InputStream = new MemoryStream(bytes), UseChunkEncoding = false }).GetAwaiter().GetResult();

    public void PutFile(string key, string path) => Put(key, File.ReadAllBytes(path));

    /// <summary>The object's bytes by a plain SDK download.</summary>
    public byte[] Get(string key)
    {
        using var response = Direct.GetObjectAsync(Bucket, key).GetAwaiter().GetResult();
        using var bytes = new MemoryStream();
        response.ResponseStream.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>The keys in the bucket, by a plain SDK listing.</summary>
    public List<string> Keys()
    {
        var response = Direct.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket }).GetAwaiter().GetResult();
        return [.. (response.S3Objects ?? []).Select(o => o.Key).Order(StringComparer.Ordinal)];
    }

    public void Dispose()
    {
        Direct.Dispose();
        Proxy?.Dispose();
        Server.Dispose();
    }
}
