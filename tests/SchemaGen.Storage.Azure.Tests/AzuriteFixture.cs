using Azure.Storage.Blobs;

namespace SchemaGen.Storage.Azure.Tests;

/// <summary>One Azurite for the test class, a container in it, and the store registered for <c>az://</c>.</summary>
public sealed class AzuriteFixture : IDisposable
{
    public const string Container = "data";

    public AzuriteFixture()
    {
        Server = new AzuriteServer();
        Client = new BlobServiceClient(Server.ConnectionString);
        Client.GetBlobContainerClient(Container).CreateIfNotExists();
        Store = AzureObjectStore.Register(Client);
    }

    public AzuriteServer Server { get; }

    public BlobServiceClient Client { get; }

    public AzureObjectStore Store { get; }

    public BlobContainerClient Blobs => Client.GetBlobContainerClient(Container);

    /// <summary>Registers the fixture's own store again (after a test registered another one).</summary>
    public void RegisterDefault() => ObjectStores.Register(Store);

    public void Dispose() => Server.Dispose();
}
