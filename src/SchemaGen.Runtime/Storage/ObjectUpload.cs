namespace SchemaGen.Storage;

/// <summary>
/// An object being written in parts that becomes visible only when <see cref="CompleteAsync"/> succeeds (S3's
/// multipart upload, Azure's staged blocks and block list, GCS's resumable upload), so a writer killed midway
/// leaves no object that looks finished.
/// </summary>
/// <remarks>
/// Parts are numbered from 1 in the order their bytes belong in the object and may be uploaded concurrently.
/// Disposing an upload that was not completed aborts it.
/// </remarks>
public abstract class ObjectUpload : IAsyncDisposable
{
    /// <summary>The object being written.</summary>
    public abstract ObjectUri Uri { get; }

    /// <summary>The smallest size the store accepts for a part other than the last (S3: 5 MiB).</summary>
    public abstract int MinimumPartSize { get; }

    /// <summary>Uploads part <paramref name="partNumber"/>; uploading the same number again replaces it.</summary>
    /// <param name="partNumber">The part's number, from 1.</param>
    /// <param name="data">The part's bytes; the caller does not change them until the task completes.</param>
    /// <param name="cancellationToken">Cancels the upload of this part.</param>
    /// <returns>A task that completes when the store holds the part.</returns>
    public abstract Task UploadPartAsync(int partNumber, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Makes the object visible with parts 1 … <paramref name="partCount"/> in order.</summary>
    /// <param name="partCount">The number of parts uploaded (0 writes an empty object).</param>
    /// <param name="cancellationToken">Cancels the commit.</param>
    /// <returns>The object as written.</returns>
    public abstract Task<ObjectInfo> CompleteAsync(int partCount, CancellationToken cancellationToken);

    /// <summary>Discards the parts; no object is created (an existing object of the same key is left as it was).</summary>
    /// <param name="cancellationToken">Cancels the abort.</param>
    /// <returns>A task that completes when the parts are discarded.</returns>
    public abstract Task AbortAsync(CancellationToken cancellationToken);

    /// <summary>Aborts the upload unless it was completed.</summary>
    /// <returns>A task that completes when the upload is settled.</returns>
    public abstract ValueTask DisposeAsync();
}
