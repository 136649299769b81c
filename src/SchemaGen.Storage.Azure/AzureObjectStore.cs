using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace SchemaGen.Storage.Azure;

/// <summary>
/// Azure Blob Storage as an <see cref="ObjectStore"/> for <c>az://container/key</c> and
/// <c>https://ACCOUNT.blob.core.windows.net/container/key</c>, through Azure.Storage.Blobs: ranged downloads conditional
/// on the blob's ETag, listings by prefix, and uploads as staged blocks that become the blob only when the block list
/// is committed.
/// </summary>
/// <remarks>
/// <c>az://</c> addresses are in the default account (the client's). An <c>https://</c> address of another account
/// gets a client of its own with the store's token credential; a store made from a connection string or a shared key
/// serves its own account only. Errors never carry a key or a SAS token.
/// </remarks>
public sealed class AzureObjectStore : ObjectStore
{
    private readonly BlobServiceClient? _defaultClient;
    private readonly TokenCredential? _credential;
    private readonly BlobClientOptions? _options;
    private readonly ConcurrentDictionary<string, BlobServiceClient> _accounts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a store over <paramref name="client"/>'s account (its endpoint may be an emulator's).</summary>
    /// <param name="client">The account's client, with its credential and options.</param>
    public AzureObjectStore(BlobServiceClient client)
        : base("az")
    {
        ArgumentNullException.ThrowIfNull(client);
        _defaultClient = client;
        _accounts[client.AccountName] = client;
    }

    /// <summary>Creates a store that reaches every account named in an address with <paramref name="credential"/>.</summary>
    /// <param name="credential">A Microsoft Entra credential, such as <see cref="DefaultAzureCredential"/>.</param>
    /// <param name="defaultAccount">The account of <c>az://</c> addresses; null when only <c>https://</c> addresses are used.</param>
    /// <param name="options">The clients' options; null for the SDK's defaults.</param>
    public AzureObjectStore(TokenCredential credential, string? defaultAccount, BlobClientOptions? options = null)
        : base("az")
    {
        ArgumentNullException.ThrowIfNull(credential);
        _credential = credential;
        _options = options;
        if (!string.IsNullOrEmpty(defaultAccount))
        {
            _defaultClient = ClientForAccount(defaultAccount);
        }
    }

    /// <summary>
    /// The store the environment describes, as the Azure CLI reads it: <c>AZURE_STORAGE_CONNECTION_STRING</c>; else
    /// <c>AZURE_STORAGE_ACCOUNT</c> with <c>AZURE_STORAGE_KEY</c> (shared key) or <c>AZURE_STORAGE_SAS_TOKEN</c>; else
    /// <see cref="DefaultAzureCredential"/> (environment, workload identity, managed identity, Azure CLI …) for
    /// <c>AZURE_STORAGE_ACCOUNT</c> and every account an <c>https://</c> address names.
    /// </summary>
    /// <returns>The store.</returns>
    public static AzureObjectStore FromEnvironment()
    {
        string? connectionString = Environment.GetEnvironmentVariable("AZURE_STORAGE_CONNECTION_STRING");
        if (!string.IsNullOrEmpty(connectionString))
        {
            return new AzureObjectStore(new BlobServiceClient(connectionString));
        }

        string? account = Environment.GetEnvironmentVariable("AZURE_STORAGE_ACCOUNT");
        string? key = Environment.GetEnvironmentVariable("AZURE_STORAGE_KEY");
        string? sas = Environment.GetEnvironmentVariable("AZURE_STORAGE_SAS_TOKEN");
        if (!string.IsNullOrEmpty(account) && !string.IsNullOrEmpty(key))
        {
            return new AzureObjectStore(new BlobServiceClient(AccountEndpoint(account), new StorageSharedKeyCredential(account, key)));
        }

        if (!string.IsNullOrEmpty(account) && !string.IsNullOrEmpty(sas))
        {
            return new AzureObjectStore(new BlobServiceClient(AccountEndpoint(account), new AzureSasCredential(sas)));
        }

        return new AzureObjectStore(new DefaultAzureCredential(), account);
    }

    /// <summary>Registers <see cref="FromEnvironment"/>'s store for <c>az://</c> (and Azure's <c>https://</c> form).</summary>
    /// <returns>The registered store.</returns>
    public static AzureObjectStore Register() => Register(FromEnvironment());

    /// <summary>Registers a store over <paramref name="client"/>'s account.</summary>
    /// <param name="client">The account's client.</param>
    /// <returns>The registered store.</returns>
    public static AzureObjectStore Register(BlobServiceClient client) => Register(new AzureObjectStore(client));

    /// <summary>Registers <paramref name="store"/>.</summary>
    /// <param name="store">The store.</param>
    /// <returns>The store.</returns>
    public static AzureObjectStore Register(AzureObjectStore store)
    {
        ObjectStores.Register(store);
        return store;
    }

    /// <inheritdoc/>
    public override async Task<ObjectInfo> GetInfoAsync(ObjectUri uri, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await Blob(uri).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return new ObjectInfo(uri, properties.Value.ContentLength, Version(properties.Value.ETag));
        }
        catch (RequestFailedException e)
        {
            throw AzureErrors.Translate(uri, e);
        }
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ObjectInfo> ListAsync(ObjectUri prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var container = Container(prefix);
        var pages = container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix.Key.Length == 0 ? null : prefix.Key, cancellationToken)
            .AsPages().GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                Page<BlobItem> page;
                try
                {
                    if (!await pages.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }

                    page = pages.Current;
                }
                catch (RequestFailedException e)
                {
                    throw AzureErrors.Translate(prefix, e);
                }

                foreach (var blob in page.Values)
                {
                    yield return new ObjectInfo(prefix.WithKey(blob.Name), blob.Properties.ContentLength ?? 0, blob.Properties.ETag is { } etag ? Version(etag) : "");
                }
            }
        }
        finally
        {
            await pages.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// 8 MiB: ranges above 4 MiB, which Azurite serves without first reading the range once more to hash it (it does
    /// for a range of 4 MiB or less, the service's limit for a range's MD5), and half the requests, so half the read
    /// transactions billed, of the 4 MiB default.
    /// </summary>
    public override int ReadRangeSize => 8 << 20;

    /// <summary>2: the one being consumed and the next, 16 MiB per open object as the default's 4 × 4 MiB.</summary>
    public override int ReadRangesInFlight => 2;

    /// <inheritdoc/>
    public override Task<int> ReadAsync(ObjectInfo obj, long offset, Memory<byte> buffer, CancellationToken cancellationToken) =>
        ReadRangeAsync(obj, offset, buffer, null, cancellationToken);

    /// <summary>Reads as the other overload, telling <paramref name="progress"/> of the bytes as they come off the response.</summary>
    /// <inheritdoc/>
    public override Task<int> ReadAsync(ObjectInfo obj, long offset, Memory<byte> buffer, IProgress<int> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return ReadRangeAsync(obj, offset, buffer, progress, cancellationToken);
    }

    private async Task<int> ReadRangeAsync(ObjectInfo obj, long offset, Memory<byte> buffer, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        long length = Math.Min(buffer.Length, obj.Length - offset);
        if (length <= 0)
        {
            return 0;
        }

        Stream content;
        try
        {
            var response = await Blob(obj.Uri).DownloadStreamingAsync(new BlobDownloadOptions
            {
                Range = new HttpRange(offset, length),
                Conditions = new BlobRequestConditions { IfMatch = new ETag(obj.Version) },
            }, cancellationToken).ConfigureAwait(false);
            content = response.Value.Content;
        }
        catch (RequestFailedException e)
        {
            throw AzureErrors.TranslateRead(obj.Uri, offset, e);
        }

        await using (content.ConfigureAwait(false))
        {
            int read = 0;
            try
            {
                while (read < length)
                {
                    int n = await content.ReadAsync(buffer[read..(int)length], cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        break;
                    }

                    read += n;
                    progress?.Report(read);
                }
            }
            catch (Exception e) when (read > 0 && e is IOException or HttpRequestException or RequestFailedException && !cancellationToken.IsCancellationRequested)
            {
                // The stream broke off: the bytes that came are good, and the caller reads on from there.
            }

            return read;
        }
    }

    /// <inheritdoc/>
    public override Task<ObjectUpload> StartUploadAsync(ObjectUri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return Task.FromResult<ObjectUpload>(new AzureBlockUpload(uri, Container(uri).GetBlockBlobClient(uri.Key)));
    }

    /// <summary>
    /// Also transient: the service's 408, 429, 500, 502, 503 and 504, and a request that got no response (status 0,
    /// a reset or refused connection).
    /// </summary>
    /// <param name="exception">The failure.</param>
    /// <returns>True to retry with backoff.</returns>
    public override bool IsTransient(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 or 408 or 429 or 500 or 502 or 503 or 504 } => true,
        RequestFailedException => false,
        _ => base.IsTransient(exception),
    };

    /// <summary>The ETag in its header form (quoted), as responses carry it; listings give it bare.</summary>
    internal static string Version(ETag etag) => etag.ToString("H");

    private BlobClient Blob(ObjectUri uri) => Container(uri).GetBlobClient(uri.Key);

    private BlobContainerClient Container(ObjectUri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri.Scheme != Scheme)
        {
            throw new ArgumentException($"{uri}: not an Azure Blob address (az://container/key or https://ACCOUNT.blob.core.windows.net/container/key).", nameof(uri));
        }

        var client = uri.Account is { } account ? ClientForAccount(account, uri) : _defaultClient
            ?? throw new InvalidOperationException(
                $"{uri}: no default storage account for az:// addresses; set AZURE_STORAGE_ACCOUNT or AZURE_STORAGE_CONNECTION_STRING, or use https://ACCOUNT.blob.core.windows.net/{uri.Bucket}/{uri.Key}.");
        return client.GetBlobContainerClient(uri.Bucket);
    }

    private BlobServiceClient ClientForAccount(string account, ObjectUri? uri = null)
    {
        if (_accounts.TryGetValue(account, out var client))
        {
            return client;
        }

        if (_credential is null)
        {
            throw new UnauthorizedAccessException(
                $"{uri}: this store holds credentials for the account '{_defaultClient?.AccountName}' only; use az://{uri?.Bucket}/{uri?.Key} for it, or a store with a token credential for other accounts.");
        }

        return _accounts.GetOrAdd(account, name => new BlobServiceClient(AccountEndpoint(name), _credential, _options));
    }

    private static Uri AccountEndpoint(string account) => new($"https://{account}.blob.core.windows.net");
}
