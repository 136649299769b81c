using System.Buffers;

namespace SchemaGen.Storage;

/// <summary>
/// Writes one object through a multipart upload: bytes are gathered into parts of
/// <see cref="ObjectIoSettings.PartSize"/> (at least the store's minimum), up to
/// <see cref="ObjectIoSettings.PartsInFlight"/> parts are sent at once, each retried on transient failures. Disposing
/// completes the upload, making the object visible, only if nothing failed; after a failure, or after
/// <see cref="Abandon"/>, it aborts it, and a process that dies before disposing leaves only an incomplete upload,
/// which the store never shows as an object.
/// </summary>
/// <remarks>Memory: at most (<see cref="ObjectIoSettings.PartsInFlight"/> + 1) parts. Not thread-safe.</remarks>
internal sealed class ObjectWriteStream : Stream
{
    private readonly ObjectStore _store;
    private readonly ObjectUpload _upload;
    private readonly ObjectIoSettings _settings;
    private readonly int _partSize;
    private readonly Queue<Task> _sending = new();
    private readonly CancellationTokenSource _cancel = new();
    private byte[]? _part;
    private int _filled;
    private int _parts;
    private long _length;
    private Exception? _failure;
    private bool _abandoned;
    private bool _disposed;

    private ObjectWriteStream(ObjectStore store, ObjectUpload upload, ObjectIoSettings settings)
    {
        _store = store;
        _upload = upload;
        _settings = settings;
        _partSize = Math.Max(settings.PartSize, upload.MinimumPartSize);
    }

    /// <summary>The object being written.</summary>
    public ObjectUri Uri => _upload.Uri;

    /// <summary>The object as written, once the stream was disposed without failure.</summary>
    public ObjectInfo? Written { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_disposed;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    /// <summary>Starts the upload of <paramref name="uri"/> (with retries).</summary>
    public static async Task<ObjectWriteStream> StartAsync(ObjectStore store, ObjectUri uri, ObjectIoSettings settings, CancellationToken cancellationToken)
    {
        var upload = await ObjectRetry.RunAsync(store, uri, 0, settings, token => store.StartUploadAsync(uri, token), cancellationToken)
            .ConfigureAwait(false);
        return new ObjectWriteStream(store, upload, settings);
    }

    /// <summary>Starts the upload of <paramref name="uri"/> through its registered store.</summary>
    public static ObjectWriteStream Start(ObjectUri uri) =>
        StartAsync(ObjectStores.For(uri), uri, ObjectIoSettings.Current, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Makes disposing abort the upload: the writer above failed, so the object must not appear.</summary>
    public void Abandon() => _abandoned = true;

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfFailed();
        while (!buffer.IsEmpty)
        {
            _part ??= ArrayPool<byte>.Shared.Rent(_partSize);
            int take = Math.Min(buffer.Length, _partSize - _filled);
            buffer[..take].CopyTo(_part.AsSpan(_filled));
            _filled += take;
            _length += take;
            buffer = buffer[take..];
            if (_filled == _partSize)
            {
                SendPart();
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    // Parts are only sent whole: flushing early would make a part smaller than the store accepts.
    public override void Flush() => ThrowIfFailed();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            FinishAsync().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            await FinishAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    private async Task FinishAsync()
    {
        _disposed = true;
        try
        {
            if (_failure is null && !_abandoned)
            {
                if (_filled > 0)
                {
                    SendPart();
                }

                await WaitAllAsync().ConfigureAwait(false);
                ThrowIfFailed();
                int parts = _parts;
                Written = await ObjectRetry.RunAsync(_store, Uri, _length, _settings, token => _upload.CompleteAsync(parts, token), CancellationToken.None)
                    .ConfigureAwait(false);
                return;
            }
        }
        catch (Exception e)
        {
            _failure ??= e;
        }
        finally
        {
            if (_part is { } part)
            {
                _part = null;
                ArrayPool<byte>.Shared.Return(part);
            }
        }

        // Failed or abandoned: nothing may appear. Parts still being sent are cancelled and the upload aborted.
        await _cancel.CancelAsync().ConfigureAwait(false);
        await WaitAllAsync().ConfigureAwait(false);
        try
        {
            await _upload.AbortAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception) when (_failure is not null)
        {
            // The first failure is the one to report; an abort the store refuses leaves an incomplete upload, never an object.
        }

        await _upload.DisposeAsync().ConfigureAwait(false);
        _cancel.Dispose();
        if (_failure is not null && !_abandoned)
        {
            throw Wrapped(_failure);
        }
    }

    private void SendPart()
    {
        // Bounded: the oldest part must be sent before another starts.
        while (_sending.Count >= _settings.PartsInFlight)
        {
            var oldest = _sending.Dequeue();
            oldest.GetAwaiter().GetResult();
        }

        var part = _part!;
        int length = _filled;
        int number = ++_parts;
        long offset = _length - length;
        _part = null;
        _filled = 0;
        _sending.Enqueue(Task.Run(async () =>
        {
            try
            {
                await ObjectRetry.RunAsync(_store, Uri, offset, _settings, async token =>
                {
                    await _upload.UploadPartAsync(number, part.AsMemory(0, length), token).ConfigureAwait(false);
                    return true;
                }, _cancel.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
                throw;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(part);
            }
        }));
    }

    private async Task WaitAllAsync()
    {
        while (_sending.TryDequeue(out var task))
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (Exception) when (_failure is not null)
            {
                // Recorded in _failure.
            }
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            throw Wrapped(failure);
        }
    }

    private Exception Wrapped(Exception failure) =>
        failure is IOException or UnauthorizedAccessException
            ? failure
            : new IOException($"{Uri}: writing the object failed: {failure.Message}", failure);
}
