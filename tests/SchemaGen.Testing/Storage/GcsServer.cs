namespace SchemaGen.Testing.Storage;

/// <summary>
/// The Cloud Storage emulator of firebase-tools (npm <c>firebase-tools</c>, pinned in tests/servers), started alone by
/// tests/servers/gcs-emulator.js: the GCS JSON API at <see cref="BaseUri"/>, unauthenticated, objects kept in memory
/// (a restart loses them). Only the buckets given exist, as on GCS; reads honour <c>ifGenerationMatch</c> (the launcher
/// adds both, see its header).
/// </summary>
public sealed class GcsServer : NodeServer
{
    private readonly string[] _buckets;

    /// <summary>Starts the emulator with <paramref name="buckets"/>.</summary>
    public GcsServer(params string[] buckets)
    {
        _buckets = buckets;
        Start();
    }

    /// <summary>The JSON API's base address, for <c>StorageClientBuilder.BaseUri</c>.</summary>
    public string BaseUri => $"{Endpoint}/storage/v1/";

    protected override IEnumerable<string> Arguments()
    {
        yield return System.IO.Path.Combine(NodeServers.Folder, "gcs-emulator.js");
        yield return "--host";
        yield return "127.0.0.1";
        yield return "--port";
        yield return Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        yield return "--directory";
        yield return DataFolder;
        foreach (string bucket in _buckets)
        {
            yield return "--bucket";
            yield return bucket;
        }
    }
}
