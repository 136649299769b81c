using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using SchemaGen.Storage;

namespace SchemaGen.Runtime.Tests.Storage;

/// <summary>
/// An object store in memory, with the faults a network brings on demand: the next reads fail (transiently or not),
/// or stop short. A real implementation of the contract (no mocking): the stream logic is tested against it.
/// </summary>
internal sealed class MemoryObjectStore() : ObjectStore("mem")
{
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string Version)> _objects = new();
    private int _version;
    private int _transientFailures;
    private int _shortReads;
    private int _breaksAfterHalf;

    public int Reads;
    public int PartsUploaded;

    public Exception? PermanentFailure { get; set; }

    public ObjectInfo Put(string key, byte[] bytes)
    {
        string version = $"v{Interlocked.Increment(ref _version)}";
        _objects[key] = (bytes, version);
        return new ObjectInfo(new ObjectUri("mem", "b", key), bytes.Length, version);
    }

    public byte[]? Get(string key) => _objects.TryGetValue(key, out var o) ? o.Bytes : null;

    public void FailNext(int count) => _transientFailures = count;

    public void ShortenNext(int count) => _shortReads = count;

    public override Task<ObjectInfo> GetInfoAsync(ObjectUri uri, CancellationToken cancellationToken) =>
        _objects.TryGetValue(uri.Key, out var o)
            ? Task.FromResult(new ObjectInfo(uri, o.Bytes.Length, o.Version))
            : throw new FileNotFoundException($"{uri}: no such object.");

    public override async IAsyncEnumerable<ObjectInfo> ListAsync(ObjectUri prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var (key, o) in _objects.Where(p => p.Key.StartsWith(prefix.Key, StringComparison.Ordinal)))
        {
            yield return new ObjectInfo(prefix.WithKey(key), o.Bytes.Length, o.Version);
        }
    }

    public override async Task<int> ReadAsync(ObjectInfo obj, long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        await Task.Yield();
        Interlocked.Increment(ref Reads);
        if (PermanentFailure is { } permanent)
        {
            throw permanent;
        }

        if (Interlocked.Decrement(ref _transientFailures) >= 0)
        {
            throw new IOException("connection reset (injected)");
        }

        if (!_objects.TryGetValue(obj.Uri.Key, out var o) || o.Version != obj.Version)
        {
            throw new ObjectChangedException(obj.Uri, offset);
        }

        int count = (int)Math.Min(buffer.Length, o.Bytes.Length - offset);
        if (count > 1 && Interlocked.Decrement(ref _shortReads) >= 0)
        {
            count /= 2;
        }

        o.Bytes.AsSpan((int)offset, count).CopyTo(buffer.Span);
        return count;
    }

    /// <summary>When set, a read with progress reports the first half of its range and holds the rest until this completes.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>The next <paramref name="count"/> reads with progress report the first half of their range and then break off.</summary>
    public void BreakNextAfterHalf(int count) => _breaksAfterHalf = count;

    // As a response whose body comes in two halves.
    public override async Task<int> ReadAsync(ObjectInfo obj, long offset, Memory<byte> buffer, IProgress<int> progress, CancellationToken cancellationToken)
    {
        int count = await ReadAsync(obj, offset, buffer, cancellationToken);
        progress.Report(count / 2);
        if (Interlocked.Decrement(ref _breaksAfterHalf) >= 0)
        {
            throw new IOException("connection reset mid-body (injected)");
        }

        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        progress.Report(count);
        return count;
    }

    public override Task<ObjectUpload> StartUploadAsync(ObjectUri uri, CancellationToken cancellationToken) =>
        Task.FromResult<ObjectUpload>(new Upload(this, uri));

    private sealed class Upload(MemoryObjectStore store, ObjectUri uri) : ObjectUpload
    {
        private readonly ConcurrentDictionary<int, byte[]> _parts = new();
        private bool _settled;

        public override ObjectUri Uri => uri;

        public override int MinimumPartSize => 1024;

        public override async Task UploadPartAsync(int partNumber, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            await Task.Yield();
            if (store.PermanentFailure is { } permanent)
            {
                throw permanent;
            }

            Interlocked.Increment(ref store.PartsUploaded);
            _parts[partNumber] = data.ToArray();
        }

        public override Task<ObjectInfo> CompleteAsync(int partCount, CancellationToken cancellationToken)
        {
            _settled = true;
            var bytes = Enumerable.Range(1, partCount).SelectMany(n => _parts[n]).ToArray();
            return Task.FromResult(store.Put(uri.Key, bytes));
        }

        public override Task AbortAsync(CancellationToken cancellationToken)
        {
            _settled = true;
            _parts.Clear();
            return Task.CompletedTask;
        }

        public override ValueTask DisposeAsync()
        {
            if (!_settled)
            {
                _parts.Clear();
            }

            return ValueTask.CompletedTask;
        }
    }
}
