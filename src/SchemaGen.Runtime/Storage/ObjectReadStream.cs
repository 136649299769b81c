using System.Buffers;

namespace SchemaGen.Storage;

/// <summary>
/// Reads one object as a seekable stream. Sequentially it keeps <see cref="ObjectIoSettings.ChunksInFlight"/> ranged
/// reads of <see cref="ObjectIoSettings.ChunkSize"/> bytes going ahead of the consumer (so a round trip's latency is
/// hidden behind the others' transfers), and the consumer reads a chunk's bytes as they arrive, not when the whole
/// range has come (so the transfer and the consumer's work overlap as in a plain download); for random access (<c>readAhead: false</c>) each read fetches just what is
/// asked, or the range announced by <see cref="Expect"/>, in one request.
/// </summary>
/// <remarks>
/// Every request is conditional on the object's version and retried from the byte it reached
/// (<see cref="ObjectRetry"/>), so the bytes read are the object's bytes exactly once, or an exception.
/// Not thread-safe (one consumer); the fetches run on the thread pool.
/// </remarks>
internal sealed class ObjectReadStream : Stream
{
    private readonly ObjectStore _store;
    private readonly ObjectInfo _info;
    private readonly ObjectIoSettings _settings;
    private readonly bool _readAhead;
    private readonly CancellationTokenSource _cancel = new();

    // Read-ahead: the chunk being consumed, then those being fetched, in object order.
    private readonly Queue<Chunk> _ahead = new();
    private Chunk? _current;
    private long _nextFetch;

    // Random access: the range fetched last, and the range the caller announced.
    private byte[] _range = [];
    private long _rangeStart;
    private int _rangeLength;
    private long _expectedStart = -1;
    private int _expectedLength;

    private long _position;
    private bool _disposed;

    public ObjectReadStream(ObjectStore store, ObjectInfo info, ObjectIoSettings settings, bool readAhead = true)
    {
        _store = store;
        _info = info;
        _settings = settings;
        _readAhead = readAhead;
    }

    /// <summary>The object read.</summary>
    public ObjectInfo Info => _info;

    public override bool CanRead => !_disposed;

    public override bool CanSeek => !_disposed;

    public override bool CanWrite => false;

    public override long Length => _info.Length;

    public override long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    /// <summary>Announces that the next read starts at <paramref name="offset"/> and needs <paramref name="length"/> bytes (a record), fetched in one request.</summary>
    public void Expect(long offset, int length) => (_expectedStart, _expectedLength) = (offset, length);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_position >= _info.Length || buffer.IsEmpty)
        {
            return 0;
        }

        return _readAhead ? ReadAhead(buffer) : ReadRange(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_position >= _info.Length || buffer.IsEmpty)
        {
            return 0;
        }

        if (!_readAhead)
        {
            return ReadRange(buffer.Span);
        }

        var chunk = CurrentChunk();
        await chunk.ArrivedAsync((int)(_position - chunk.Start) + 1, cancellationToken).ConfigureAwait(false);
        return ReadAhead(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _info.Length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            _disposed = true;
            _cancel.Cancel();
            _current?.Release();
            _current = null;
            while (_ahead.TryDequeue(out var chunk))
            {
                chunk.Release();
            }

            _cancel.Dispose();
        }

        base.Dispose(disposing);
    }

    private int ReadAhead(Span<byte> buffer)
    {
        var chunk = CurrentChunk();
        int start = (int)(_position - chunk.Start);
        int arrived = chunk.Arrived(start + 1);
        int count = Math.Min(buffer.Length, arrived - start);
        chunk.Buffer.AsSpan(start, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    // The chunk that holds the position, with the chunks after it requested; chunks before it are let go.
    private Chunk CurrentChunk()
    {
        if (_current is { } current && current.Contains(_position))
        {
            return current;
        }

        _current?.Release();
        _current = null;
        while (_ahead.TryPeek(out var next) && !next.Contains(_position))
        {
            _ahead.Dequeue().Release();
        }

        if (_ahead.Count == 0)
        {
            // A seek out of the fetched window (or the first read): read ahead from here.
            _nextFetch = _position;
        }

        while (_ahead.Count < _settings.ChunksInFlight && _nextFetch < _info.Length)
        {
            int length = (int)Math.Min(_settings.ChunkSize, _info.Length - _nextFetch);
            _ahead.Enqueue(new Chunk(_nextFetch, length, FetchChunk));
            _nextFetch += length;
        }

        _current = _ahead.Dequeue();

        // The consumed chunk counts against the limit: one more is started when it is let go.
        return _current;
    }

    private Task<int> FetchChunk(Chunk chunk) =>
        Task.Run(() => FetchAsync(chunk.Start, chunk.Buffer.AsMemory(0, chunk.Length), _cancel.Token, chunk));

    private int ReadRange(Span<byte> buffer)
    {
        if (_position < _rangeStart || _position >= _rangeStart + _rangeLength)
        {
            int length = _expectedStart == _position ? _expectedLength : buffer.Length;
            length = (int)Math.Min(length, _info.Length - _position);
            if (_range.Length < length)
            {
                _range = new byte[Math.Max(length, _range.Length * 2)];
            }

            _rangeStart = _position;
            _rangeLength = 0;
            _rangeLength = FetchAsync(_position, _range.AsMemory(0, length), _cancel.Token).GetAwaiter().GetResult();
        }

        int start = (int)(_position - _rangeStart);
        int count = Math.Min(buffer.Length, _rangeLength - start);
        _range.AsSpan(start, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    // Fills `destination` with the object's bytes from `offset`: a broken-off transfer goes on from the byte it reached.
    // `chunk`, when given, is told how many bytes from the start of `destination` have arrived.
    private async Task<int> FetchAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken, Chunk? chunk = null)
    {
        int filled = 0;
        while (filled < destination.Length)
        {
            long at = offset + filled;
            var rest = destination[filled..];
            int read = await ObjectRetry.RunAsync(_store, _info.Uri, at, _settings, async token =>
            {
                int n = chunk is null
                    ? await _store.ReadAsync(_info, at, rest, token).ConfigureAwait(false)
                    : await _store.ReadAsync(_info, at, rest, new ArrivalFrom(chunk, filled), token).ConfigureAwait(false);
                return n > 0
                    ? n
                    : throw new EndOfStreamException($"{_info.Uri}: the store returned no bytes at offset {at} of {_info.Length}.");
            }, cancellationToken).ConfigureAwait(false);
            filled += read;
        }

        return filled;
    }

    private sealed class Chunk
    {
        // The bytes at the start of Buffer that hold the object's bytes, and the consumer waiting for more.
        private int _arrived;
        private TaskCompletionSource? _waiter;

        public Chunk(long start, int length, Func<Chunk, Task<int>> fetch)
        {
            Start = start;
            Length = length;
            Buffer = ArrayPool<byte>.Shared.Rent(length);
            Fetch = fetch(this);

            // Woken once the fetch has completed (not before: the consumer then finds it complete).
            Fetch.ContinueWith(static (_, chunk) => ((Chunk)chunk!).Wake(), this, CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        public long Start { get; }

        public int Length { get; }

        public byte[] Buffer { get; }

        public Task<int> Fetch { get; }

        public bool Contains(long position) => position >= Start && position < Start + Length;

        /// <summary>Records that the first <paramref name="count"/> bytes have arrived, and wakes the consumer.</summary>
        public void Report(int count)
        {
            // A retried request writes the same bytes again from where the failed one's accepted bytes ended.
            if (count > Volatile.Read(ref _arrived))
            {
                Volatile.Write(ref _arrived, count);
            }

            Wake();
        }

        public void Wake() => Interlocked.Exchange(ref _waiter, null)?.TrySetResult();

        /// <summary>Blocks until at least <paramref name="needed"/> bytes have arrived; returns how many have (the fetch's failure once it has failed).</summary>
        public int Arrived(int needed)
        {
            while (true)
            {
                if (Ready(needed, out int arrived))
                {
                    return arrived;
                }

                var waiter = Wait();
                if (!Ready(needed, out arrived))
                {
                    waiter.Wait();
                    continue;
                }

                return arrived;
            }
        }

        public async ValueTask ArrivedAsync(int needed, CancellationToken cancellationToken)
        {
            while (!Ready(needed, out _))
            {
                var waiter = Wait();
                if (!Ready(needed, out _))
                {
                    await waiter.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }

        // The buffer goes back to the pool once no fetch writes into it.
        public void Release()
        {
            if (Fetch.IsCompleted)
            {
                ArrayPool<byte>.Shared.Return(Buffer);
            }
            else
            {
                var buffer = Buffer;
                Fetch.ContinueWith(_ => ArrayPool<byte>.Shared.Return(buffer), CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        private bool Ready(int needed, out int arrived)
        {
            arrived = Volatile.Read(ref _arrived);
            if (arrived >= needed)
            {
                return true;
            }

            if (Fetch.IsCompleted)
            {
                // Done: all of it, or the failure the consumer now gets.
                arrived = Fetch.GetAwaiter().GetResult();
                return true;
            }

            return false;
        }

        // Published before the consumer looks again, so a report after that look always finds it.
        private Task Wait()
        {
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Interlocked.Exchange(ref _waiter, waiter);
            return waiter.Task;
        }
    }

    /// <summary>One request's progress, as bytes of the chunk: those of earlier attempts plus this one's.</summary>
    private sealed class ArrivalFrom(Chunk chunk, int before) : IProgress<int>
    {
        public void Report(int value) => chunk.Report(before + value);
    }
}
