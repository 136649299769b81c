using System.Buffers;
using SchemaGen.Internal;
using SchemaGen.Records;
using SchemaGen.Storage;

namespace SchemaGen;

/// <summary>
/// Writes TFRecord files: each record framed as <c>length | masked crc32c(length) | data | masked crc32c(data)</c>,
/// optionally GZIP- or ZLIB-compressed as a whole, optionally with a <see cref="TfRecordIndex"/> sidecar.
/// </summary>
/// <remarks>
/// Records are framed in a large buffer and written in big blocks; a record larger than the buffer goes straight
/// to the output. <see cref="Write{TState}"/> lets an encoder write a record directly into that buffer:
/// <code>
/// using var writer = new TfRecordWriter("train.tfrecord");
/// writer.Write(example.CalculateSize(), example, static (span, e) => e.WriteTo(span)); // a Google.Protobuf message
/// </code>
/// If writing to the output fails, the exception reaches the caller and the writer refuses further writes; closing
/// it then does not report a second error. Not thread-safe. An object (<c>s3://bucket/key</c>) is written through a
/// multipart upload that disposing completes: it appears whole then, and never after a failed write.
/// </remarks>
public sealed class TfRecordWriter : IDisposable, IAsyncDisposable
{
    private const int MinBufferSize = 4096;

    private readonly Stream _output;
    private readonly bool _disposeOutput;
    private readonly TfRecordIndexWriter? _index;

    // Objects written by this writer: abandoned (their uploads aborted) when it faulted, so nothing partial appears.
    private readonly ObjectWriteStream? _object;
    private readonly ObjectWriteStream? _indexObject;
    private byte[] _buffer;
    private int _used;
    private long _position;
    private bool _faulted;
    private bool _disposed;

    /// <summary>Creates (or replaces) a TFRecord file, or an object (<c>s3://bucket/key</c>, <c>gs://…</c>, <c>az://…</c>).</summary>
    /// <param name="path">The file or the object's address (written through the store registered for its scheme,
    /// visible once the writer is disposed without failure); with <see cref="TfRecordWriterOptions.WriteIndex"/> the index goes to
    /// <c>&lt;path&gt;.idx</c> unless <see cref="TfRecordWriterOptions.IndexStream"/> is given.</param>
    /// <param name="options">How to write; null for the defaults (uncompressed, no index).</param>
    public TfRecordWriter(string path, TfRecordWriterOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new TfRecordWriterOptions();
        Validate(options, indexDestinationKnown: true);

        bool compressed = options.Compression != TfRecordCompression.None;
        Stream? file = null;
        Stream? indexStream = null;
        bool isObject = ObjectFiles.IsObject(path);
        try
        {
            // Uncompressed output is written in whole buffers, so the file needs no buffer of its own; a compressor
            // writes small blocks, which a file buffer gathers (an upload gathers whole parts itself).
            file = isObject
                ? _object = ObjectFiles.Create(path)
                : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, compressed ? 1 << 16 : 0);
            _output = compressed ? CompressionStreams.Compress(file, options.Compression, options.CompressionLevel, leaveOpen: false) : file;
            if (options.WriteIndex)
            {
                indexStream = options.IndexStream
                    ?? (isObject
                        ? _indexObject = ObjectFiles.Create(TfRecordIndex.PathFor(path))
                        : new FileStream(TfRecordIndex.PathFor(path), FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0));
                _index = new TfRecordIndexWriter(indexStream, leaveOpen: options.IndexStream is not null);
            }
        }
        catch
        {
            _object?.Abandon();
            _indexObject?.Abandon();
            file?.Dispose();
            if (options.IndexStream is null)
            {
                indexStream?.Dispose();
            }

            throw;
        }

        _disposeOutput = true;
        _buffer = ArrayPool<byte>.Shared.Rent(options.BufferSize);
    }

    /// <summary>Writes a TFRecord stream to <paramref name="stream"/>, from its current position.</summary>
    /// <param name="stream">The output.</param>
    /// <param name="options">How to write; null for the defaults. An index needs
    /// <see cref="TfRecordWriterOptions.IndexStream"/>; its offsets count from the stream's position now.</param>
    /// <param name="leaveOpen">Whether disposing the writer leaves <paramref name="stream"/> open (a compressor over
    /// it is still finished).</param>
    public TfRecordWriter(Stream stream, TfRecordWriterOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new TfRecordWriterOptions();
        Validate(options, indexDestinationKnown: false);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream cannot be written.", nameof(stream));
        }

        bool compressed = options.Compression != TfRecordCompression.None;
        _output = compressed ? CompressionStreams.Compress(stream, options.Compression, options.CompressionLevel, leaveOpen) : stream;
        _disposeOutput = compressed || !leaveOpen;
        if (options.WriteIndex)
        {
            _index = new TfRecordIndexWriter(options.IndexStream!, leaveOpen: true);
        }

        _buffer = ArrayPool<byte>.Shared.Rent(options.BufferSize);
    }

    /// <summary>How many records were written.</summary>
    public long RecordsWritten { get; private set; }

    /// <summary>Writes one record.</summary>
    /// <param name="record">The record's data, for example a serialized <c>tf.train.Example</c>.</param>
    public void Write(ReadOnlySpan<byte> record)
    {
        ThrowIfUnusable();
        if (record.Length > TfRecordFraming.MaxPayloadLength)
        {
            throw new ArgumentException($"A record holds at most {TfRecordFraming.MaxPayloadLength} bytes.", nameof(record));
        }

        int frameLength = record.Length + TfRecordFraming.Overhead;
        if (frameLength <= _buffer.Length)
        {
            if (frameLength > _buffer.Length - _used)
            {
                FlushBuffer();
            }

            var frame = _buffer.AsSpan(_used, frameLength);
            record.CopyTo(frame[TfRecordFraming.HeaderLength..]);
            Seal(frame);
        }
        else
        {
            // Larger than the buffer: the header and footer go through the buffer, the data straight to the output.
            if (_buffer.Length - _used < TfRecordFraming.HeaderLength)
            {
                FlushBuffer();
            }

            TfRecordFraming.WriteHeader(_buffer.AsSpan(_used), record.Length);
            _used += TfRecordFraming.HeaderLength;
            FlushBuffer();
            WriteToOutput(record);
            TfRecordFraming.WriteFooter(_buffer, record);
            _used = TfRecordFraming.FooterLength;
            Committed(frameLength);
        }
    }

    /// <summary>
    /// Writes one record of <paramref name="length"/> bytes that <paramref name="writePayload"/> writes in place,
    /// straight into the writer's buffer (no copy).
    /// </summary>
    /// <typeparam name="TState">What the callback needs, passed without a closure.</typeparam>
    /// <param name="length">The exact length of the record.</param>
    /// <param name="state">Passed to <paramref name="writePayload"/>.</param>
    /// <param name="writePayload">Fills all of the span it is given (exactly <paramref name="length"/> bytes) and
    /// does not call back into the writer. If it throws, nothing of the record is written.</param>
    public void Write<TState>(int length, TState state, SpanAction<byte, TState> writePayload)
    {
        ThrowIfUnusable();
        ArgumentNullException.ThrowIfNull(writePayload);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, TfRecordFraming.MaxPayloadLength);

        int frameLength = length + TfRecordFraming.Overhead;
        if (frameLength > _buffer.Length)
        {
            var rented = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                writePayload(rented.AsSpan(0, length), state);
                Write(rented.AsSpan(0, length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }

            return;
        }

        if (frameLength > _buffer.Length - _used)
        {
            FlushBuffer();
        }

        var frame = _buffer.AsSpan(_used, frameLength);
        writePayload(frame.Slice(TfRecordFraming.HeaderLength, length), state);
        Seal(frame);
    }

    /// <summary>Writes the buffered records to the output and flushes it (and the index).</summary>
    /// <remarks>A compressed stream is flushed with a sync flush, so everything written so far can be decompressed.</remarks>
    public void Flush()
    {
        ThrowIfUnusable();
        FlushBuffer();
        try
        {
            _output.Flush();
            _index?.Flush();
        }
        catch
        {
            _faulted = true;
            throw;
        }
    }

    /// <summary>Writes what is buffered, finishes the compressed stream, and closes the outputs the writer owns.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (!_faulted)
            {
                FlushBuffer();
            }
        }
        finally
        {
            CloseOutputs();
            ReturnBuffer();
        }
    }

    /// <summary>Asynchronously writes what is buffered, finishes the compressed stream, and closes the outputs the writer owns.</summary>
    /// <returns>A task that completes when everything is written.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (!_faulted && _used > 0)
            {
                try
                {
                    await _output.WriteAsync(_buffer.AsMemory(0, _used)).ConfigureAwait(false);
                    _used = 0;
                }
                catch
                {
                    _faulted = true;
                    throw;
                }
            }
        }
        finally
        {
            AbandonObjectsIfFaulted();
            try
            {
                if (_disposeOutput)
                {
                    await _output.DisposeAsync().ConfigureAwait(false);
                }
                else
                {
                    await _output.FlushAsync().ConfigureAwait(false);
                }
            }
            catch (Exception) when (_faulted)
            {
                // The caller already has the first failure; a second one from closing would only hide it.
            }
            finally
            {
                CloseIndex();
                ReturnBuffer();
            }
        }
    }

    // Frames data already in place at frame[12..^4] and commits it.
    private void Seal(Span<byte> frame)
    {
        int length = frame.Length - TfRecordFraming.Overhead;
        TfRecordFraming.WriteHeader(frame, length);
        TfRecordFraming.WriteFooter(frame[(TfRecordFraming.HeaderLength + length)..], frame.Slice(TfRecordFraming.HeaderLength, length));
        _used += frame.Length;
        Committed(frame.Length);
    }

    private void Committed(int frameLength)
    {
        if (_index is not null)
        {
            try
            {
                _index.Add(_position, frameLength);
            }
            catch
            {
                _faulted = true;
                throw;
            }
        }

        _position += frameLength;
        RecordsWritten++;
    }

    private void FlushBuffer()
    {
        if (_used > 0)
        {
            WriteToOutput(_buffer.AsSpan(0, _used));
            _used = 0;
        }
    }

    private void WriteToOutput(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _output.Write(bytes);
        }
        catch
        {
            _faulted = true;
            throw;
        }
    }

    private void CloseOutputs()
    {
        AbandonObjectsIfFaulted();
        try
        {
            if (_disposeOutput)
            {
                _output.Dispose();
            }
            else
            {
                _output.Flush();
            }
        }
        catch (Exception) when (_faulted)
        {
            // The caller already has the first failure; a second one from closing would only hide it.
        }
        finally
        {
            CloseIndex();
        }
    }

    // An upload completes when its stream is disposed; after a failure it must be aborted instead.
    private void AbandonObjectsIfFaulted()
    {
        if (_faulted)
        {
            _object?.Abandon();
            _indexObject?.Abandon();
        }
    }

    private void CloseIndex()
    {
        try
        {
            _index?.Dispose();
        }
        catch (Exception) when (_faulted)
        {
            // As above: the first failure is the one to report.
        }
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_faulted)
        {
            ThrowHelper.ThrowWriterFaulted();
        }
    }

    private void ReturnBuffer()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private static void Validate(TfRecordWriterOptions options, bool indexDestinationKnown)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BufferSize, MinBufferSize, "options.BufferSize");
        if (options.IndexStream is not null && !options.WriteIndex)
        {
            throw new ArgumentException("IndexStream is set but WriteIndex is not.", nameof(options));
        }

        if (options.WriteIndex && options.Compression != TfRecordCompression.None)
        {
            throw new ArgumentException("Only uncompressed files can be indexed: compressed data has no byte offsets.", nameof(options));
        }

        if (options.WriteIndex && options.IndexStream is null && !indexDestinationKnown)
        {
            throw new ArgumentException("A writer over a stream needs IndexStream to write an index.", nameof(options));
        }
    }
}
