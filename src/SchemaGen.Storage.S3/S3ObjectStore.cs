using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace SchemaGen.Storage.S3;

/// <summary>
/// Amazon S3, or an S3-compatible store (MinIO, Ceph, GCS's interoperability endpoint), through <c>AWSSDK.S3</c>:
/// serves <c>s3://bucket/key</c> addresses. Reads are ranged GETs conditional on the ETag; writes are multipart
/// uploads, visible only once completed.
/// </summary>
/// <remarks>
/// The core retries (with backoff, resuming where a read stopped), so the client <see cref="CreateDefaultClient"/>
/// makes does not retry itself; a client passed in keeps its own settings. Credentials come from the SDK's chain and
/// never appear in this store's messages.
/// </remarks>
public sealed class S3ObjectStore : ObjectStore
{
    private readonly IAmazonS3 _client;

    /// <summary>Creates a store that sends its requests through <paramref name="client"/>.</summary>
    /// <param name="client">The S3 client: its credentials, region and endpoint are used as configured.</param>
    /// <param name="scheme">The scheme it serves: <c>s3</c>, or another name for a second S3-compatible endpoint
    /// (say <c>minio</c>, for <c>minio://bucket/key</c>) registered beside it.</param>
    public S3ObjectStore(IAmazonS3 client, string scheme = "s3")
        : base(scheme)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>
    /// Makes <c>s3://</c> addresses work wherever paths are taken (<see cref="ObjectStores.Register"/>), through
    /// <paramref name="client"/> or, when null, through <see cref="CreateDefaultClient"/>.
    /// </summary>
    /// <param name="client">The S3 client to use; null for the SDK's default configuration.</param>
    /// <returns>The registered store.</returns>
    public static S3ObjectStore Register(IAmazonS3? client = null)
    {
        var store = new S3ObjectStore(client ?? CreateDefaultClient());
        ObjectStores.Register(store);
        return store;
    }

    /// <summary>
    /// A client configured as the SDK configures itself: credentials from its default chain (environment variables,
    /// the shared credentials and config files with <c>AWS_PROFILE</c>, SSO, web identity, container and instance
    /// roles), region from <c>AWS_REGION</c> or the profile, endpoint from <c>AWS_ENDPOINT_URL_S3</c> or
    /// <c>AWS_ENDPOINT_URL</c> (or the profile's <c>endpoint_url</c>). With an endpoint configured, buckets are addressed
    /// by path (<c>http://host/bucket/key</c>), as S3-compatible stores expect. The SDK's own retries are off: the core
    /// retries.
    /// </summary>
    /// <returns>The client.</returns>
    public static IAmazonS3 CreateDefaultClient()
    {
        var config = new AmazonS3Config
        {
            MaxErrorRetry = 0,

            // Checksums only where S3 requires them: S3-compatible stores do not all accept trailing checksums, and
            // ranged reads cannot be checked against a whole-object checksum. TFRecord framing carries its own CRCs.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        // The SDK reads these itself only in some configurations; read here, they always take effect.
        string? endpoint = Environment.GetEnvironmentVariable("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") == "true"
            ? null
            : NonEmpty(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_S3")) ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"));
        if (endpoint is not null)
        {
            config.ServiceURL = endpoint;
        }

        if (!string.IsNullOrEmpty(config.ServiceURL))
        {
            config.ForcePathStyle = true;
        }

        return new AmazonS3Client(config);
    }

    /// <inheritdoc/>
    public override async Task<ObjectInfo> GetInfoAsync(ObjectUri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        try
        {
            var response = await _client.GetObjectMetadataAsync(
                new GetObjectMetadataRequest { BucketName = uri.Bucket, Key = uri.Key }, cancellationToken).ConfigureAwait(false);
            return new ObjectInfo(uri, response.ContentLength, response.ETag ?? "");
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode is null or "NotFound")
        {
            // A HEAD has no error body: a listing tells a missing bucket from a missing object.
            try
            {
                await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = uri.Bucket, MaxKeys = 1 }, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonS3Exception listing) when (listing.ErrorCode == "NoSuchBucket")
            {
                throw Translate(listing, uri)!;
            }
            catch (AmazonServiceException)
            {
                // The HEAD already said the object is missing; a listing refused or failing for another reason (no
                // s3:ListBucket permission, a server's 500) does not change that, nor is it worth retrying.
            }

            throw new FileNotFoundException($"{uri}: no such object.", uri.ToString(), e);
        }
        catch (AmazonS3Exception e) when (Translate(e, uri) is { } translated)
        {
            throw translated;
        }
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ObjectInfo> ListAsync(ObjectUri prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var request = new ListObjectsV2Request { BucketName = prefix.Bucket, Prefix = prefix.Key };
        while (true)
        {
            ListObjectsV2Response response;
            try
            {
                response = await _client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonS3Exception e) when (Translate(e, prefix) is { } translated)
            {
                throw translated;
            }

            foreach (var item in response.S3Objects ?? [])
            {
                yield return new ObjectInfo(prefix.WithKey(item.Key), item.Size ?? 0, item.ETag ?? "");
            }

            if (response.IsTruncated != true || string.IsNullOrEmpty(response.NextContinuationToken))
            {
                yield break;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
    }

    /// <inheritdoc/>
    public override async Task<int> ReadAsync(ObjectInfo obj, long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        int wanted = (int)Math.Min(buffer.Length, Math.Max(0, obj.Length - offset));
        if (wanted == 0)
        {
            return 0;
        }

        GetObjectResponse response;
        try
        {
            response = await _client.GetObjectAsync(
                new GetObjectRequest
                {
                    BucketName = obj.Uri.Bucket,
                    Key = obj.Uri.Key,
                    ByteRange = new ByteRange(offset, offset + wanted - 1),
                    EtagToMatch = obj.Version,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            throw new ObjectChangedException(obj.Uri, offset, e);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // Listed a moment ago and gone now: deleted while being read.
            throw new ObjectChangedException(obj.Uri, offset, e);
        }
        catch (AmazonS3Exception e) when (Translate(e, obj.Uri) is { } translated)
        {
            throw translated;
        }

        using (response)
        {
            // Stores that ignore If-Match still say which version they sent.
            if (!SameVersion(response.ETag, obj.Version))
            {
                throw new ObjectChangedException(obj.Uri, offset);
            }

            int filled = 0;
            try
            {
                while (filled < wanted)
                {
                    int read = await response.ResponseStream.ReadAsync(buffer[filled..wanted], cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    filled += read;
                }
            }
            catch (Exception e) when (filled > 0 && (e is OperationCanceledException || IsTransient(e)))
            {
                // The transfer broke off or stalled: the bytes that came are good, and the caller reads on from there.
            }

            return filled;
        }
    }

    /// <inheritdoc/>
    public override Task<ObjectUpload> StartUploadAsync(ObjectUri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return Task.FromResult<ObjectUpload>(new S3ObjectUpload(_client, uri));
    }

    /// <summary>
    /// Transient: 5xx and 429 responses, S3's <c>SlowDown</c>, throttling and <c>RequestTimeout</c> codes, a reset or
    /// refused connection, timeouts; besides what <see cref="ObjectStore.IsTransient"/> counts.
    /// </summary>
    /// <param name="exception">The failure.</param>
    /// <returns>True to retry with backoff.</returns>
    public override bool IsTransient(Exception exception) => exception switch
    {
        null => false,
        AmazonServiceException service when service.StatusCode == HttpStatusCode.PreconditionFailed => false,
        AmazonServiceException service when (int)service.StatusCode >= 500 || service.StatusCode == HttpStatusCode.TooManyRequests => true,
        AmazonServiceException { ErrorCode: "SlowDown" or "Throttling" or "ThrottlingException" or "RequestTimeout" or "InternalError" } => true,
        SocketException => true,
        AmazonServiceException { StatusCode: 0 } or AmazonClientException => exception.InnerException is { } inner && IsTransient(inner),
        _ => base.IsTransient(exception) || (exception.InnerException is { } cause && cause is not AmazonServiceException && IsTransient(cause)),
    };

    /// <summary>The exception a caller should see for an S3 error that is final, or null to let it through.</summary>
    internal static Exception? Translate(AmazonServiceException e, ObjectUri uri)
    {
        return e.ErrorCode switch
        {
            "NoSuchBucket" => new FileNotFoundException($"{uri}: the bucket '{uri.Bucket}' does not exist.", uri.ToString(), e),
            "NoSuchKey" => new FileNotFoundException($"{uri}: no such object.", uri.ToString(), e),
            "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "AccessDenied" or "InvalidToken" or "ExpiredToken" or "AllAccessDisabled" =>
                Refused(uri, e.ErrorCode, e),
            _ => e.StatusCode switch
            {
                HttpStatusCode.NotFound => new FileNotFoundException($"{uri}: no such bucket or object.", uri.ToString(), e),
                HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized => Refused(uri, e.ErrorCode ?? "403 Forbidden", e),
                _ => null,
            },
        };
    }

    // The code says which check failed; the message never repeats a key, a secret or a signature.
    private static UnauthorizedAccessException Refused(ObjectUri uri, string code, Exception e) =>
        new($"{uri}: S3 refused the request ({code}). Check the credentials the AWS SDK found (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or the instance's role) and their permissions on the bucket.", e);

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static bool SameVersion(string? etag, string version) =>
        etag is null || etag.AsSpan().Trim('"').SequenceEqual(version.AsSpan().Trim('"'));
}
