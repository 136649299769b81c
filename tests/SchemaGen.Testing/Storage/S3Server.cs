namespace SchemaGen.Testing.Storage;

/// <summary>
/// s3rver (npm <c>s3rver</c>, pinned in tests/servers), an S3-compatible server keeping objects in a temp folder.
/// It accepts the access key <see cref="AccessKey"/> with secret <see cref="SecretKey"/> and checks signatures.
/// </summary>
public sealed class S3Server : NodeServer
{
    /// <summary>s3rver's built-in access key id.</summary>
    public const string AccessKey = "S3RVER";

    /// <summary>s3rver's built-in secret key.</summary>
    public const string SecretKey = "S3RVER";

    private readonly string[] _buckets;

    /// <summary>Starts the server with <paramref name="buckets"/> created.</summary>
    public S3Server(params string[] buckets)
    {
        _buckets = buckets;
        Start();
    }

    protected override IEnumerable<string> Arguments()
    {
        yield return NodeServers.Script("s3rver/bin/s3rver.js");
        yield return "--directory";
        yield return DataFolder;
        yield return "--address";
        yield return "127.0.0.1";
        yield return "--port";
        yield return Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        yield return "--silent";
        yield return "--no-vhost-buckets";
        foreach (string bucket in _buckets)
        {
            yield return "--configure-bucket";
            yield return bucket;
        }
    }
}
