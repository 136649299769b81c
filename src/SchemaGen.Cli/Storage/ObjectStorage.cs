using Google.Cloud.Storage.V1;
using SchemaGen.Storage;
using SchemaGen.Storage.Azure;
using SchemaGen.Storage.Gcs;
using SchemaGen.Storage.S3;

namespace SchemaGen.Cli.Storage;

/// <summary>
/// Registers the object stores the command's addresses need, so <c>s3://</c>, <c>az://</c> (and Azure's
/// <c>https://ACCOUNT.blob.core.windows.net/</c> form) and <c>gs://</c> work wherever a file is taken. Only when an
/// address names the scheme: a command over local files needs no cloud configuration at all. Each store takes its
/// credentials and endpoint from its SDK's own chain (docs/storage.md).
/// </summary>
internal static class ObjectStorage
{
    public static void RegisterFor(IEnumerable<string> args)
    {
        var schemes = args.Select(arg => ObjectUri.TryParse(arg, out var uri) ? uri.Scheme : null).ToHashSet(StringComparer.Ordinal);
        if (schemes.Contains("s3"))
        {
            S3ObjectStore.Register();
        }

        if (schemes.Contains("az"))
        {
            AzureObjectStore.Register();
        }

        if (schemes.Contains("gs"))
        {
            ObjectStores.Register(new DeferredObjectStore("gs", () => new GcsObjectStore(StorageClient.Create())));
        }
    }
}
