using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Google;
using Google.Cloud.Storage.V1;

namespace SchemaGen.Storage.Gcs;

/// <summary>
/// Google Cloud Storage as an <see cref="ObjectStore"/> for <c>gs://bucket/key</c>, through Google.Cloud.Storage.V1:
/// ranged downloads conditional on the object's generation (<c>ifGenerationMatch</c>), listings by prefix, and
/// resumable uploads that create the object only when their last byte is sent.
/// </summary>
/// <remarks>
/// <see cref="Register()"/> uses Application Default Credentials (<c>GOOGLE_APPLICATION_CREDENTIALS</c>, the gcloud
/// user's credentials, or the metadata server of GCE, GKE workload identity and Cloud Run). Errors name the address and
/// never a credential.
/// </remarks>
public sealed class GcsObjectStore : ObjectStore
{
    private readonly StorageClient _client;

    /// <summary>Creates a store over <paramref name="client"/> (its credentials and endpoint).</summary>
    /// <param name="client">The client.</param>
    public GcsObjectStore(StorageClient client)
        : base("gs")
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>Registers a store for <c>gs://</c> with Application Default Credentials.</summary>
    /// <returns>The registered store.</returns>
    public static GcsObjectStore Register() => Register(StorageClient.Create());

    /// <summary>Registers a store for <c>gs://</c> over <paramref name="client"/>.</summary>
    /// <param name="client">The client.</param>
    /// <returns>The registered store.</returns>
    public static GcsObjectStore Register(StorageClient client)
    {
        var store = new GcsObjectStore(client);
        ObjectStores.Register(store);
        return store;
    }

    /// <inheritdoc/>
    public override async Task<ObjectInfo> GetInfoAsync(ObjectUri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        try
        {
            var obj = await _client.GetObjectAsync(uri.Bucket, uri.Key, cancellationToken: cancellationToken).ConfigureAwait(false);
            return Info(uri, obj);
        }
        catch (GoogleApiException e)
        {
            throw Translate(uri, e);
        }
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ObjectInfo> ListAsync(ObjectUri prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var objects = _client.ListObjectsAsync(prefix.Bucket, prefix.Key.Length == 0 ? null : prefix.Key).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await objects.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (GoogleApiException e)
                {
                    throw Translate(prefix, e);
                }

                yield return Info(prefix.WithKey(objects.Current.Name), objects.Current);
            }
        }
        finally
        {
            await objects.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public override async Task<int> ReadAsync(ObjectInfo obj, long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        long length = Math.Min(buffer.Length, obj.Length - offset);
        if (length <= 0)
        {
            return 0;
        }

        using var destination = new MemoryWindowStream(buffer[..(int)length]);
        try
        {
            await _client.DownloadObjectAsync(obj.Uri.Bucket, obj.Uri.Key, destination, new DownloadObjectOptions
            {
                Range = new RangeHeaderValue(offset, offset + length - 1),
                IfGenerationMatch = long.Parse(obj.Version, CultureInfo.InvariantCulture),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (GoogleApiException e) when (e.HttpStatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            throw new ObjectChangedException(obj.Uri, offset, e);
        }
        catch (GoogleApiException e)
        {
            throw Translate(obj.Uri, e);
        }
        catch (Exception e) when (destination.Written > 0 && e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            // The stream broke off: the bytes that came are good, and the caller reads on from there.
        }

        return destination.Written;
    }

    /// <inheritdoc/>
    public override Task<ObjectUpload> StartUploadAsync(ObjectUri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return Task.FromResult<ObjectUpload>(new GcsResumableUpload(uri, _client, Translate));
    }

    /// <summary>Also transient: 408, 429 and 5xx from the service.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>True to retry with backoff.</returns>
    public override bool IsTransient(Exception exception) => exception switch
    {
        GoogleApiException e => (int)e.HttpStatusCode is 408 or 429 or >= 500,
        _ => base.IsTransient(exception),
    };

    private static ObjectInfo Info(ObjectUri uri, Google.Apis.Storage.v1.Data.Object obj) =>
        new(uri, checked((long)(obj.Size ?? 0)), (obj.Generation ?? 0).ToString(CultureInfo.InvariantCulture));

    private static Exception Translate(ObjectUri uri, GoogleApiException e) => e.HttpStatusCode switch
    {
        HttpStatusCode.NotFound when e.Message.Contains("bucket", StringComparison.OrdinalIgnoreCase) =>
            new FileNotFoundException($"{uri}: the bucket '{uri.Bucket}' does not exist.", uri.ToString(), e),
        HttpStatusCode.NotFound => new FileNotFoundException($"{uri}: no such object.", uri.ToString(), e),
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new UnauthorizedAccessException(
            $"{uri}: access refused ({(int)e.HttpStatusCode}); check the credentials (Application Default Credentials) and the bucket's IAM roles."),
        _ => e,
    };
}
