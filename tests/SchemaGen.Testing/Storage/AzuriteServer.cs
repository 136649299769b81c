namespace SchemaGen.Testing.Storage;

/// <summary>
/// Azurite's Blob service (npm <c>azurite</c>, pinned in tests/servers), Microsoft's Azure Storage emulator, keeping
/// blobs in a temp folder. It serves the well-known development account <see cref="AccountName"/>.
/// </summary>
public sealed class AzuriteServer : NodeServer
{
    /// <summary>The emulator's development account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The development account's published key (not a secret: it is in Microsoft's documentation).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Starts the emulator.</summary>
    public AzuriteServer()
    {
        Start();
    }

    /// <summary>The blob service's address for the development account.</summary>
    public string BlobEndpoint => $"{Endpoint}/{AccountName}";

    /// <summary>A connection string for the development account at this emulator.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};";

    /// <summary>
    /// Waits until Azurite has written its metadata, with the blob <paramref name="name"/> in it, to
    /// <see cref="NodeServer.DataFolder"/>: it keeps its databases in memory and saves them every 5 s, so a crash (a
    /// <see cref="NodeServer.Stop"/>) loses what it had not saved, and a restarted Azurite would not know the blob.
    /// </summary>
    /// <param name="name">A blob's name, as the metadata database spells it (JSON).</param>
    public void WaitUntilSaved(string name)
    {
        string blobs = System.IO.Path.Combine(DataFolder, "__azurite_db_blob__.json");
        string extents = System.IO.Path.Combine(DataFolder, "__azurite_db_blob_extent__.json");
        var since = DateTime.UtcNow;
        var deadline = since.AddSeconds(30);
        while (!(File.Exists(blobs) && File.ReadAllText(blobs).Contains($"\"{name}\"", StringComparison.Ordinal)
            && File.Exists(extents) && File.GetLastWriteTimeUtc(extents) >= since.AddSeconds(-1)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Azurite did not save the metadata of '{name}' to {DataFolder} within 30 s.");
            }

            Thread.Sleep(200);
        }
    }

    protected override IEnumerable<string> Arguments()
    {
        yield return NodeServers.Script("azurite/dist/src/blob/main.js");
        yield return "--blobHost";
        yield return "127.0.0.1";
        yield return "--blobPort";
        yield return Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        yield return "--location";
        yield return DataFolder;
        yield return "--silent";
        yield return "--skipApiVersionCheck";
        yield return "--loose";
    }
}
