using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace SchemaGen.Storage.S3;

/// <summary>
/// An S3 multipart upload: started with the first part (so an upload aborted before any part, or an empty object,
/// never creates one), completed with the parts' ETags in order; an empty object is one PutObject at completion.
/// </summary>
internal sealed class S3ObjectUpload(IAmazonS3 client, ObjectUri uri) : ObjectUpload
{
    // S3's smallest part other than the last.
    private const int S3MinimumPartSize = 5 << 20;

    private readonly ConcurrentDictionary<int, (string ETag, long Length)> _parts = new();
    private readonly SemaphoreSlim _starting = new(1, 1);
    private string? _uploadId;
    private bool _settled;

    public override ObjectUri Uri => uri;

    public override int MinimumPartSize => S3MinimumPartSize;

    public override async Task UploadPartAsync(int partNumber, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partNumber, 1);
        string uploadId = await UploadIdAsync(cancellationToken).ConfigureAwait(false);
        var bytes = MemoryMarshal.TryGetArray(data, out var segment) ? segment : new ArraySegment<byte>(data.ToArray());
        using var body = new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false);
        try
        {
            var response = await client.UploadPartAsync(
                new UploadPartRequest
                {
                    BucketName = uri.Bucket,
                    Key = uri.Key,
                    UploadId = uploadId,
                    PartNumber = partNumber,
                    PartSize = bytes.Count,
                    InputStream = body,

                    // A plain body with its length: S3-compatible stores do not all decode aws-chunked uploads.
                    UseChunkEncoding = false,
                },
                cancellationToken).ConfigureAwait(false);
            _parts[partNumber] = (response.ETag, bytes.Count);
        }
        catch (AmazonS3Exception e) when (S3ObjectStore.Translate(e, uri) is { } translated)
        {
            throw translated;
        }
    }

    public override async Task<ObjectInfo> CompleteAsync(int partCount, CancellationToken cancellationToken)
    {
        try
        {
            if (partCount == 0)
            {
                await AbortAsync(cancellationToken).ConfigureAwait(false);
                var put = await client.PutObjectAsync(
                    new PutObjectRequest { BucketName = uri.Bucket, Key = uri.Key, InputStream = new MemoryStream([]), UseChunkEncoding = false },
                    cancellationToken).ConfigureAwait(false);
                _settled = true;
                return new ObjectInfo(uri, 0, put.ETag ?? "");
            }

            var etags = new List<PartETag>(partCount);
            long length = 0;
            for (int number = 1; number <= partCount; number++)
            {
                if (!_parts.TryGetValue(number, out var part))
                {
                    throw new InvalidOperationException($"{uri}: part {number} of {partCount} was not uploaded.");
                }

                etags.Add(new PartETag(number, part.ETag));
                length += part.Length;
            }

            var response = await client.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = uri.Bucket, Key = uri.Key, UploadId = _uploadId, PartETags = etags },
                cancellationToken).ConfigureAwait(false);
            _settled = true;
            return new ObjectInfo(uri, length, response.ETag ?? "");
        }
        catch (AmazonS3Exception e) when (S3ObjectStore.Translate(e, uri) is { } translated)
        {
            throw translated;
        }
    }

    public override async Task AbortAsync(CancellationToken cancellationToken)
    {
        await _starting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_uploadId is { } uploadId)
            {
                _uploadId = null;
                await client.AbortMultipartUploadAsync(
                    new AbortMultipartUploadRequest { BucketName = uri.Bucket, Key = uri.Key, UploadId = uploadId },
                    cancellationToken).ConfigureAwait(false);
            }

            _settled = true;
        }
        finally
        {
            _starting.Release();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_settled)
        {
            try
            {
                await AbortAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AmazonServiceException or IOException or HttpRequestException)
            {
                // An upload left incomplete is never visible as an object; a lifecycle rule removes its parts.
            }
        }

        _starting.Dispose();
    }

    private async Task<string> UploadIdAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _uploadId) is { } existing)
        {
            return existing;
        }

        await _starting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_settled, this);
            if (_uploadId is null)
            {
                try
                {
                    var response = await client.InitiateMultipartUploadAsync(
                        new InitiateMultipartUploadRequest { BucketName = uri.Bucket, Key = uri.Key }, cancellationToken).ConfigureAwait(false);
                    _uploadId = response.UploadId;
                }
                catch (AmazonS3Exception e) when (S3ObjectStore.Translate(e, uri) is { } translated)
                {
                    throw translated;
                }
            }

            return _uploadId;
        }
        finally
        {
            _starting.Release();
        }
    }
}
