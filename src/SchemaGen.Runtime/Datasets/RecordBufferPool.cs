using System.Buffers;
using System.Runtime.InteropServices;
using SchemaGen.Records;

namespace SchemaGen.Datasets;

/// <summary>
/// The buffers that hold records between reading and parsing (shuffle buffer and batches in flight); a record of a
/// mapped file needs none, only a reference that keeps the mapping until the record is parsed. Buffers come
/// back here, not to <see cref="ArrayPool{T}.Shared"/>, whose per-core caches would drop most of the thousands a
/// shuffle buffer cycles through and make the steady state allocate; this pool keeps every buffer it hands out.
/// </summary>
/// <remarks>
/// One thread copies records in (the reading thread), others return buffers a batch at a time; the copying side
/// takes buffers from a private stack refilled a chunk at a time, so a record costs no lock.
/// </remarks>
internal sealed class RecordBufferPool(DatasetFile[]? files = null) : IDisposable
{
    private const int MinBufferSize = 256;
    private const int RefillCount = 64;

    private readonly object _gate = new();
    private byte[][] _free = new byte[64][];
    private int _freeCount;
    private bool _disposed;

    // Used only by the thread that calls Copy.
    private readonly byte[][] _local = new byte[RefillCount][];
    private int _localCount;

    /// <summary>
    /// Keeps <paramref name="record"/> beyond the reader's next read: a reference to its mapped file, or a copy in a
    /// pooled buffer. Called by one thread only (the reading thread).
    /// </summary>
    public PooledRecord Keep(in RecordView record)
    {
        if (MemoryMarshal.TryGetMemoryManager(record.Data, out MappedTfRecordFile? mapping, out int start, out int length))
        {
            mapping.AddReference();
            return new PooledRecord { Mapping = mapping, Start = start, Length = length, FileIndex = record.FileIndex, Offset = record.Offset };
        }

        var data = record.Data.Span;
        if (files?[record.FileIndex].PartitionSuffix is { } suffix)
        {
            // The file's partition values follow the record as one more features field, which protobuf merges in.
            var extended = Rent(data.Length + suffix.Length);
            data.CopyTo(extended);
            suffix.CopyTo(extended.AsSpan(data.Length));
            return new PooledRecord { Buffer = extended, Length = data.Length + suffix.Length, FileIndex = record.FileIndex, Offset = record.Offset };
        }

        var buffer = Rent(data.Length);
        data.CopyTo(buffer);
        return new PooledRecord { Buffer = buffer, Length = data.Length, FileIndex = record.FileIndex, Offset = record.Offset };
    }

    /// <summary>
    /// Takes back the buffers of <paramref name="records"/> (one lock for all), releases their mappings (one
    /// release per run of records from the same file), and clears the span.
    /// </summary>
    public void Return(Span<PooledRecord> records)
    {
        MappedTfRecordFile? run = null;
        int runLength = 0;
        lock (_gate)
        {
            foreach (ref var record in records)
            {
                if (record.Buffer is { } buffer)
                {
                    Push(buffer);
                }
                else if (record.Mapping is { } mapping)
                {
                    if (mapping != run)
                    {
                        run?.Release(runLength);
                        (run, runLength) = (mapping, 0);
                    }

                    runLength++;
                }

                record = default;
            }
        }

        run?.Release(runLength);
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
            for (int i = 0; i < _localCount; i++)
            {
                ArrayPool<byte>.Shared.Return(_local[i]);
                _local[i] = null!;
            }

            _localCount = 0;
        }
    }

    private byte[] Rent(int length)
    {
        if (_localCount == 0)
        {
            Refill();
        }

        byte[]? buffer = null;
        if (_localCount > 0)
        {
            buffer = _local[--_localCount];
            _local[_localCount] = null!;
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

    private void Refill()
    {
        lock (_gate)
        {
            int take = Math.Min(RefillCount, _freeCount);
            for (int i = 0; i < take; i++)
            {
                _local[_localCount++] = _free[--_freeCount];
                _free[_freeCount] = null!;
            }
        }
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
