namespace SchemaGen.Storage;

/// <summary>
/// One object-storage service, reached through its vendor's SDK (the <c>SchemaGen.Storage.*</c> packages implement
/// this class). The core reads and writes datasets through these few primitives; read-ahead, parallel ranged reads,
/// retries with backoff and resumption, globbing and atomic writes are built on them once, in the core.
/// </summary>
/// <remarks>
/// Implementations are thread-safe. They throw <see cref="FileNotFoundException"/> for a missing bucket or object and
/// <see cref="UnauthorizedAccessException"/> for refused credentials, each naming the address and never a secret;
/// other failures are the SDK's exceptions, which <see cref="IsTransient"/> classifies.
/// </remarks>
public abstract class ObjectStore
{
    /// <summary>Creates a store for addresses of <paramref name="scheme"/>.</summary>
    /// <param name="scheme">The scheme it serves, lower case (<c>s3</c>, <c>gs</c>, <c>az</c>).</param>
    protected ObjectStore(string scheme)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        Scheme = scheme;
    }

    /// <summary>The scheme this store serves.</summary>
    public string Scheme { get; }

    /// <summary>Describes one object (length and version).</summary>
    /// <param name="uri">The object's address.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The object's description.</returns>
    /// <exception cref="FileNotFoundException">The bucket or the object does not exist.</exception>
    public abstract Task<ObjectInfo> GetInfoAsync(ObjectUri uri, CancellationToken cancellationToken);

    /// <summary>Lists the objects whose keys start with <paramref name="prefix"/>'s key, in any order.</summary>
    /// <param name="prefix">The bucket and key prefix.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The objects, each with its length and version.</returns>
    /// <exception cref="FileNotFoundException">The bucket does not exist.</exception>
    public abstract IAsyncEnumerable<ObjectInfo> ListAsync(ObjectUri prefix, CancellationToken cancellationToken);

    /// <summary>
    /// Reads bytes of <paramref name="obj"/> from <paramref name="offset"/> into <paramref name="buffer"/> with one
    /// ranged request, conditional on <see cref="ObjectInfo.Version"/>.
    /// </summary>
    /// <param name="obj">The object, as listed or looked up.</param>
    /// <param name="offset">The first byte to read.</param>
    /// <param name="buffer">Where the bytes go; at most its length is read.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The bytes read: less than the buffer only at the end of the object or when the stream broke off
    /// (the caller then reads on from where it stopped).</returns>
    /// <exception cref="ObjectChangedException">The object's version is no longer <see cref="ObjectInfo.Version"/>.</exception>
    public abstract Task<int> ReadAsync(ObjectInfo obj, long offset, Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>
    /// Reads like <see cref="ReadAsync(ObjectInfo, long, Memory{byte}, CancellationToken)"/>, telling
    /// <paramref name="progress"/> how many bytes at the start of <paramref name="buffer"/> have arrived as they
    /// arrive, so that a sequential read can consume the start of a range while the rest of it is still coming. The
    /// default reports once, when the read returns; stores that stream the response override it.
    /// </summary>
    /// <param name="obj">The object, as listed or looked up.</param>
    /// <param name="offset">The first byte to read.</param>
    /// <param name="buffer">Where the bytes go; at most its length is read.</param>
    /// <param name="progress">Told the count of bytes of <paramref name="buffer"/> filled so far, from its start.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The bytes read, as the other overload returns them.</returns>
    /// <exception cref="ObjectChangedException">The object's version is no longer <see cref="ObjectInfo.Version"/>.</exception>
    public virtual async Task<int> ReadAsync(ObjectInfo obj, long offset, Memory<byte> buffer, IProgress<int> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        int read = await ReadAsync(obj, offset, buffer, cancellationToken).ConfigureAwait(false);
        progress.Report(read);
        return read;
    }

    /// <summary>
    /// The bytes of one ranged read when an object is read sequentially, or 0 for the core's default (4 MiB). A store
    /// states its own where its service's cost per request favours another size.
    /// </summary>
    public virtual int ReadRangeSize => 0;

    /// <summary>
    /// The ranged reads of one object being fetched or waiting to be consumed during a sequential read (the one being
    /// consumed included), or 0 for the core's default (4); this times <see cref="ReadRangeSize"/> bounds the memory
    /// a read holds per open object.
    /// </summary>
    public virtual int ReadRangesInFlight => 0;

    /// <summary>Starts writing an object that becomes visible only when the upload completes.</summary>
    /// <param name="uri">The object's address.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The upload.</returns>
    public abstract Task<ObjectUpload> StartUploadAsync(ObjectUri uri, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a failure is worth retrying: throttling, a server error (5xx), a timeout, a reset connection or a
    /// stalled stream. The default treats <see cref="IOException"/> (but not <see cref="FileNotFoundException"/> or
    /// <see cref="ObjectChangedException"/>), <see cref="HttpRequestException"/> and <see cref="TimeoutException"/>
    /// as transient; stores add their SDK's status codes.
    /// </summary>
    /// <param name="exception">The failure.</param>
    /// <returns>True to retry with backoff.</returns>
    public virtual bool IsTransient(Exception exception) => exception switch
    {
        FileNotFoundException or DirectoryNotFoundException or ObjectChangedException => false,
        IOException or HttpRequestException or TimeoutException => true,
        _ => false,
    };
}
