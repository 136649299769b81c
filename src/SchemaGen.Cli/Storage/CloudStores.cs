using SchemaGen.Storage.Azure;

namespace SchemaGen.Cli.Storage;

/// <summary>The object stores the tool reads and writes through, each with its SDK's credentials from the environment.</summary>
internal static class CloudStores
{
    /// <summary>Registers Azure Blob Storage (<c>az://</c>, <c>https://ACCOUNT.blob.core.windows.net/…</c>).</summary>
    public static void RegisterAzure() => AzureObjectStore.Register();
}
