using System.Threading.Channels;

namespace SchemaGen.Storage.Gcs;

/// <summary>
/// The read side of an upload session: the parts handed in, in order, as one stream. Each part's task completes when
/// the session has read all of it, so its buffer stays untouched until then.
/// </summary>
internal sealed class PartStream : Stream
{
    private readonly Channel<(ReadOnlyMemory<byte> Data, TaskCompletionSource Read)> _parts =
        Channel.CreateUnbounded<(ReadOnlyMemory<byte>, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    private ReadOnlyMemory<byte> _current;
    private TaskCompletionSource? _currentRead;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Appends a part; the task completes once the session has read it.</summary>
    public Task AddAsync(ReadOnlyMemory<byte> data)
    {
        var read = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_parts.Writer.TryWrite((data, read)))
        {
            throw new InvalidOperationException("The upload stream is closed.");
        }

        return read.Task;
    }

    /// <summary>No more parts: the session sees the end of the stream.</summary>
    public void EndOfParts() => _parts.Writer.TryComplete();

    /// <summary>Ends the stream with an error; parts not read yet are cancelled.</summary>
    public void Fail(Exception error)
    {
        _parts.Writer.TryComplete(error);
        _currentRead?.TrySetCanceled();
        while (_parts.Reader.TryRead(out var part))
        {
            part.Read.TrySetCanceled();
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_current.IsEmpty)
        {
            _currentRead?.TrySetResult();
            _currentRead = null;
            if (!await _parts.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return 0;
            }

            if (_parts.Reader.TryRead(out var part))
            {
                (_current, _currentRead) = part;
            }
        }

        int n = Math.Min(buffer.Length, _current.Length);
        _current[..n].CopyTo(buffer);
        _current = _current[n..];
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
