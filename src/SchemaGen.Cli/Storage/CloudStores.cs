using Google.Cloud.Storage.V1;
using SchemaGen.Storage;
using SchemaGen.Storage.Azure;
using SchemaGen.Storage.Gcs;

namespace SchemaGen.Cli.Storage;

/// <summary>The object stores the tool reads and writes through, each with its SDK's credentials from the environment.</summary>
internal static class CloudStores
{
    /// <summary>
    /// Registers Azure Blob Storage (<c>az://</c>, <c>https://ACCOUNT.blob.core.windows.net/…</c>) and Google Cloud
    /// Storage (<c>gs://</c>, its client made on first use).
    /// </summary>
    public static void RegisterAzureAndGcs()
    {
        AzureObjectStore.Register();
        ObjectStores.Register(new DeferredObjectStore("gs", () => new GcsObjectStore(StorageClient.Create())));
    }
}
