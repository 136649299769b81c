using System.Net.Http.Headers;
using Google.Cloud.Storage.V1;

namespace SchemaGen.Storage.Gcs.Tests;

/// <summary>
/// One test class's GCS: the emulator (started once for the class, each test under its own prefix), a
/// Google.Cloud.Storage.V1 client on its JSON API without credentials, and the test's own plain view of what is stored.
/// </summary>
public sealed class GcsEmulator : IDisposable
{
    public const string Bucket = "data";

    private static int _prefixes;

    public GcsEmulator()
    {
        Server = new GcsServer(Bucket);
        Client = new StorageClientBuilder { BaseUri = Server.BaseUri, UnauthenticatedAccess = true }.Build();
    }

    public GcsServer Server { get; }

    /// <summary>The SDK's client: the store's, and the test's way to put and get objects independently of the store.</summary>
    public StorageClient Client { get; }

    /// <summary>A prefix no other test uses, ending in '/'.</summary>
    public static string NewPrefix() => $"t{Interlocked.Increment(ref _prefixes)}/";

    /// <summary>Registers a store over <see cref="Client"/> for gs:// (the registry is process-wide; tests run one at a time).</summary>
    public GcsObjectStore Register() => GcsObjectStore.Register(Client);

    public static string Uri(string key) => $"gs://{Bucket}/{key}";

    public void Put(string key, byte[] bytes) =>
        Client.UploadObject(Bucket, key, "application/octet-stream", new MemoryStream(bytes));

    public void PutFile(string key, string path) => Put(key, File.ReadAllBytes(path));

    /// <summary>The object's bytes by a plain SDK download.</summary>
    public byte[] Get(string key)
    {
        using var bytes = new MemoryStream();
        Client.DownloadObject(Bucket, key, bytes);
        return bytes.ToArray();
    }

    /// <summary>The keys under <paramref name="prefix"/>, by a plain SDK listing.</summary>
    public List<string> Keys(string prefix) =>
        [.. Client.ListObjects(Bucket, prefix).Select(o => o.Name).Order(StringComparer.Ordinal)];

    /// <summary>Many small objects at once, each by one plain JSON API media upload (no SDK, no store).</summary>
    public void PutMany(IReadOnlyList<(string Key, byte[] Bytes)> objects)
    {
        using var http = new HttpClient { BaseAddress = new System.Uri(Server.Endpoint) };
        Parallel.ForEach(objects, new ParallelOptions { MaxDegreeOfParallelism = 8 }, o =>
        {
            using var content = new ByteArrayContent(o.Bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = http.PostAsync($"/upload/storage/v1/b/{Bucket}/o?uploadType=media&name={System.Uri.EscapeDataString(o.Key)}", content)
                .GetAwaiter().GetResult();
            response.EnsureSuccessStatusCode();
        });
    }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
    }
}
