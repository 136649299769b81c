using System.Buffers;

namespace SchemaGen;

/// <summary>
/// The buffers that hold records between reading and parsing (shuffle buffer and batches in flight). Buffers come
/// back here, not to <see cref="ArrayPool{T}.Shared"/>, whose per-core caches would drop most of the thousands a
/// shuffle buffer cycles through and make the steady state allocate; this pool keeps every buffer it hands out.
/// </summary>
internal sealed class RecordBufferPool : IDisposable
{
    private const int MinBufferSize = 256;

    private readonly object _gate = new();
    private byte[][] _free = new byte[64][];
    private int _freeCount;
    private bool _disposed;

    /// <summary>Copies <paramref name="record"/> into a pooled buffer.</summary>
    public PooledRecord Copy(in RecordView record)
    {
        var data = record.Data.Span;
        var buffer = Rent(data.Length);
        data.CopyTo(buffer);
        return new PooledRecord { Buffer = buffer, Length = data.Length, FileIndex = record.FileIndex, Offset = record.Offset };
    }

    /// <summary>Takes back the buffers of <paramref name="records"/> (one lock for all) and clears the span.</summary>
    public void Return(Span<PooledRecord> records)
    {
        lock (_gate)
        {
            foreach (ref var record in records)
            {
                if (record.Buffer is { } buffer)
                {
                    Push(buffer);
                    record = default;
                }
            }
        }
    }

    /// <summary>Gives every pooled buffer back to the shared pool; buffers returned later go there directly.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            for (int i = 0; i < _freeCount; i++)
            {
                ArrayPool<byte>.Shared.Return(_free[i]);
                _free[i] = null!;
            }

            _freeCount = 0;
        }
    }

    private byte[] Rent(int length)
    {
        byte[]? buffer = null;
        lock (_gate)
        {
            if (_freeCount > 0)
            {
                buffer = _free[--_freeCount];
                _free[_freeCount] = null!;
            }
        }

        if (buffer is not null && buffer.Length >= length)
        {
            return buffer;
        }

        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return ArrayPool<byte>.Shared.Rent(Math.Max(length, MinBufferSize));
    }

    private void Push(byte[] buffer)
    {
        if (_disposed)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return;
        }

        if (_freeCount == _free.Length)
        {
            Array.Resize(ref _free, _free.Length * 2);
        }

        _free[_freeCount++] = buffer;
    }
}
