using System.Buffers;
using System.Runtime.ExceptionServices;

namespace SchemaGen;

/// <summary>
/// Reads the records of a TFRecord file (plain, GZIP or ZLIB), verifying both checksums of each, with TensorFlow's
/// outcomes: a clean end at a record boundary, <c>truncated record at N</c>, <c>corrupted record at N</c>.
/// </summary>
/// <remarks>
/// Records are handed out in place from a large read buffer, so reading allocates nothing per record:
/// <code>
/// using var reader = new TfRecordReader("train.tfrecord");
/// while (reader.TryReadNext(out ReadOnlyMemory&lt;byte&gt; record))
/// {
///     Process(record.Span); // valid until the next call
/// }
/// </code>
/// A length field is checked against its checksum, the limit and (when known) the bytes left before the buffer
/// grows for it, so a hostile length allocates nothing; input of unknown length grows the buffer only as data
/// arrives. Not thread-safe.
/// </remarks>
public sealed class TfRecordReader : IDisposable
{
    private const int MinBufferSize = 4096;

    private readonly string? _name;
    private readonly long _maxRecordLength;
    private readonly DamagePolicy _policy;
    private readonly bool _verifyChecksums;
    private RecordSource _source;
    private byte[] _buffer;

    // What records are read from: the buffer, or the whole of a mapped file (which nothing is read into).
    private Memory<byte> _window;
    private readonly bool _mapped;
    private readonly bool _dataChecksumsDeferred;
    private int _start;
    private int _end;
    private long _bufferOrigin;
    private bool _ended;
    private Exception? _fault;
    private InvalidDataException? _sourceError;
    private List<TfRecordException>? _damage;
    private bool _disposed;

    /// <summary>Opens a TFRecord file.</summary>
    /// <param name="path">The file; its path appears in error messages.</param>
    /// <param name="options">How to read; null for the defaults.</param>
    public TfRecordReader(string path, TfRecordReaderOptions? options = null)
        : this(options, path)
    {
        try
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            _source = new FileRecordSource(handle, 0);
            Compression = options?.Compression ?? ProbeCompression();
            if (Compression != TfRecordCompression.None)
            {
                // The decompressor reads the file from its start through a stream that takes over the handle.
                _start = _end = 0;
                _source = Decompressing(new FileStream(handle, FileAccess.Read, bufferSize: 1 << 16) { Position = 0 }, leaveOpen: false);
            }
        }
        catch
        {
            _source?.Dispose();
            ReturnBuffer();
            throw;
        }
    }

    /// <summary>Reads a TFRecord stream from <paramref name="stream"/>'s current position.</summary>
    /// <param name="stream">The input; offsets count from its position now.</param>
    /// <param name="options">How to read; null for the defaults.</param>
    /// <param name="leaveOpen">Whether disposing the reader leaves <paramref name="stream"/> open.</param>
    /// <param name="displayName">A name for error messages, for example the stream's origin.</param>
    public TfRecordReader(Stream stream, TfRecordReaderOptions? options = null, bool leaveOpen = false, string? displayName = null)
        : this(options, displayName)
    {
        try
        {
            ArgumentNullException.ThrowIfNull(stream);
            if (!stream.CanRead)
            {
                throw new ArgumentException("The stream cannot be read.", nameof(stream));
            }

            _source = new StreamRecordSource(stream, leaveOpen, seekable: true);
            Compression = options?.Compression ?? ProbeCompression();
            if (Compression != TfRecordCompression.None)
            {
                // The probe bytes are already taken from the stream: a seekable one goes back to them (so the end check
                // can read it again), any other gives them to the decompressor first.
                Stream compressed;
                if (stream.CanSeek)
                {
                    stream.Position -= _end;
                    compressed = stream;
                }
                else
                {
                    compressed = new PrefixedStream(_buffer.AsSpan(0, _end).ToArray(), stream, leaveOpen);
                }

                _start = _end = 0;
                _source = Decompressing(compressed, leaveOpen && stream.CanSeek);
            }
        }
        catch
        {
            // The caller still owns the stream when the reader could not be made.
            ReturnBuffer();
            throw;
        }
    }

    /// <summary>
    /// Reads a mapped plain file in place: records point into the mapping, which they keep alive. With the data
    /// checksums deferred, whoever takes a record verifies it (<see cref="MappedTfRecordFile.DataMatches"/>).
    /// </summary>
    internal TfRecordReader(MappedTfRecordFile mapping, string path, TfRecordReaderOptions? options)
        : this(options, path, rentBuffer: false)
    {
        _mapped = true;
        _dataChecksumsDeferred = mapping.DataChecksumsDeferred;
        _window = mapping.Memory;
        _end = mapping.Length;
        _source = new MappedRecordSource(mapping);
        Compression = TfRecordCompression.None;
    }

    private TfRecordReader(TfRecordReaderOptions? options, string? name, bool rentBuffer = true)
    {
        options ??= new TfRecordReaderOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BufferSize, MinBufferSize, "options.BufferSize");
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRecordLength, "options.MaxRecordLength");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxRecordLength, TfRecordFraming.MaxPayloadLength, "options.MaxRecordLength");

        _name = name;
        _maxRecordLength = options.MaxRecordLength;
        _policy = options.Policy;
        _verifyChecksums = options.VerifyChecksums;
        _buffer = rentBuffer ? ArrayPool<byte>.Shared.Rent(options.BufferSize) : [];
        _window = _buffer;
        _source = null!; // set by the other constructors
    }

    /// <summary>The compression of the input: as given in the options, or as detected.</summary>
    public TfRecordCompression Compression { get; }

    /// <summary>
    /// Where the record last returned starts (its length field), in bytes from the start of the uncompressed
    /// TFRecord stream; -1 before the first record.
    /// </summary>
    public long RecordOffset { get; private set; } = -1;

    /// <summary>How many records were returned.</summary>
    public long RecordsRead { get; private set; }

    /// <summary>How many records <see cref="DamagePolicy.SkipRecord"/> skipped for a bad data checksum.</summary>
    public long SkippedRecords { get; private set; }

    /// <summary>Whether a skip policy ended the file early because of damage.</summary>
    public bool FileSkipped { get; private set; }

    /// <summary>The damage a skip policy stepped over, in the order found (empty under <see cref="DamagePolicy.Throw"/>).</summary>
    public IReadOnlyList<TfRecordException> Damage => (IReadOnlyList<TfRecordException>?)_damage ?? [];

    /// <summary>
    /// Reads the next record. The memory points into the reader's buffer and stays valid until the next call
    /// (or <see cref="Seek"/>, or <see cref="Dispose"/>); copy it to keep it.
    /// </summary>
    /// <param name="record">The record's data.</param>
    /// <returns>False at the end of the data (or where a skip policy ended a damaged file).</returns>
    /// <exception cref="TfRecordException">The file is damaged and the policy is <see cref="DamagePolicy.Throw"/>;
    /// later calls throw the same exception until <see cref="Seek"/>.</exception>
    public bool TryReadNext(out ReadOnlyMemory<byte> record)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (true)
        {
            if (_fault is not null)
            {
                ExceptionDispatchInfo.Throw(_fault);
            }

            if (_ended)
            {
                record = default;
                return false;
            }

            var outcome = ReadFrame(out record, out var damage);
            if (outcome == Frame.Record)
            {
                RecordsRead++;
                return true;
            }

            if (outcome == Frame.EndOfData)
            {
                _ended = true;
            }
            else
            {
                OnDamage(damage!, recordSkippable: outcome == Frame.BadData);
            }
        }
    }

    /// <summary>Reads all remaining records, each copied into its own array.</summary>
    /// <returns>The records, read lazily.</returns>
    public IEnumerable<byte[]> ReadAll()
    {
        while (TryReadNext(out var record))
        {
            yield return record.ToArray();
        }
    }

    /// <summary>
    /// Continues reading at <paramref name="offset"/>, the start of a record (for example from a
    /// <see cref="TfRecordIndex"/>). Only plain, seekable input has byte offsets.
    /// </summary>
    /// <param name="offset">The record's start, in bytes from the start of the TFRecord stream.</param>
    /// <exception cref="NotSupportedException">The input is compressed or cannot seek.</exception>
    public void Seek(long offset)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (!_source.CanSeek)
        {
            throw new NotSupportedException(Compression == TfRecordCompression.None
                ? $"Cannot seek in {Describe()}: the stream cannot seek."
                : $"Cannot seek in {Describe()}: {CompressionStreams.Name(Compression)} data has no byte offsets; read it from the start.");
        }

        if (offset >= _bufferOrigin && offset <= _bufferOrigin + _end)
        {
            // Already buffered: index-driven reads that move forward cost no I/O.
            _start = (int)(offset - _bufferOrigin);
        }
        else if (_mapped)
        {
            _start = _end;
        }
        else
        {
            _source.Seek(offset);
            _bufferOrigin = offset;
            _start = _end = 0;
        }

        _ended = false;
        _fault = null;
    }

    /// <summary>
    /// Starts over from the first record as if just opened: no damage, counts or fault carried over. For a reader
    /// reused from epoch to epoch; plain, seekable input only.
    /// </summary>
    internal void Restart()
    {
        Seek(0);
        RecordOffset = -1;
        RecordsRead = 0;
        SkippedRecords = 0;
        FileSkipped = false;
        _damage = null;
        _sourceError = null;
    }

    /// <summary>Reads the record that starts at <paramref name="offset"/>; see <see cref="Seek"/>.</summary>
    /// <param name="offset">The record's start, in bytes from the start of the TFRecord stream.</param>
    /// <param name="record">The record's data, valid until the next call.</param>
    /// <returns>False when <paramref name="offset"/> is the end of the data.</returns>
    public bool TryReadAt(long offset, out ReadOnlyMemory<byte> record)
    {
        Seek(offset);
        return TryReadNext(out record);
    }

    /// <summary>Reads every record of a file into arrays.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">How to read; null for the defaults.</param>
    /// <returns>The records in file order.</returns>
    public static IReadOnlyList<byte[]> ReadAllRecords(string path, TfRecordReaderOptions? options = null)
    {
        using var reader = new TfRecordReader(path, options);
        return reader.ReadAll().ToList();
    }

    /// <summary>Closes the input (unless left open) and returns the buffer to the pool.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _source.Dispose();
        ReturnBuffer();
    }

    private Frame ReadFrame(out ReadOnlyMemory<byte> record, out TfRecordException? damage)
    {
        record = default;
        damage = null;
        long start = _bufferOrigin + _start;

        if (_end - _start < TfRecordFraming.HeaderLength && !Fill(TfRecordFraming.HeaderLength, lengthChecked: false))
        {
            if (_sourceError is not null)
            {
                damage = InvalidCompressedData(start, _end > _start ? $"the header needs 12 bytes, {_end - _start} remain" : null);
                return Frame.Broken;
            }

            if (_end == _start)
            {
                return Frame.EndOfData;
            }

            damage = Damaged(TfRecordDamageKind.Truncated, start, $"the header needs 12 bytes, {_end - _start} remain");
            return Frame.Broken;
        }

        var window = _window.Span;
        if (!TfRecordFraming.TryReadLength(window.Slice(_start, TfRecordFraming.HeaderLength), out ulong length))
        {
            // TensorFlow says only "corrupted record at 0"; at the very start that is most often not a TFRecord at all.
            damage = start == 0
                ? TfRecordException.NotTfRecord(length, _name, Compression)
                : Damaged(TfRecordDamageKind.Corrupted, start, "the length does not match its checksum");
            return Frame.Broken;
        }

        if (length > (ulong)_maxRecordLength)
        {
            // Where the input is known to end sooner, TensorFlow's answer (a truncation) is the more useful one.
            damage = _source.Length is long total && length > (ulong)Math.Max(0, total - start - TfRecordFraming.Overhead)
                ? BeyondInput(start, length, total)
                : Damaged(TfRecordDamageKind.TooLong, start,
                    $"the length field says {length} bytes, more than MaxRecordLength ({_maxRecordLength})");
            return Frame.Broken;
        }

        int frameLength = (int)length + TfRecordFraming.Overhead;
        if (_end - _start < frameLength && !FillFrame(start, frameLength, out damage))
        {
            return Frame.Broken;
        }

        int dataStart = _start + TfRecordFraming.HeaderLength;
        _start += frameLength;
        window = _window.Span;
        if (_dataChecksumsDeferred && _end - _start >= TfRecordFraming.HeaderLength)
        {
            // Nothing here touches the data, so the next header is a memory access nobody prefetches but us.
            PrefetchHeader(window.Slice(_start, TfRecordFraming.HeaderLength));
        }

        if (_verifyChecksums && !_dataChecksumsDeferred && !TfRecordFraming.DataMatches(
                window.Slice(dataStart, (int)length), window.Slice(dataStart + (int)length, TfRecordFraming.FooterLength)))
        {
            damage = TfRecordException.DataMismatch(start, (int)length, _name);
            return Frame.BadData;
        }

        record = _window.Slice(dataStart, (int)length);
        RecordOffset = start;
        return Frame.Record;
    }

    private static unsafe void PrefetchHeader(ReadOnlySpan<byte> header)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            fixed (byte* start = header)
            {
                System.Runtime.Intrinsics.X86.Sse.Prefetch0(start);
            }
        }
    }

    private bool FillFrame(long start, int frameLength, out TfRecordException? damage)
    {
        damage = null;
        bool lengthChecked = false;
        if (frameLength > _buffer.Length && !_mapped && _source.Length is long total)
        {
            // The buffer would grow for this record: refuse a length the input cannot hold before allocating it.
            if (frameLength > total - start)
            {
                damage = BeyondInput(start, (ulong)frameLength - TfRecordFraming.Overhead, total);
                return false;
            }

            lengthChecked = true;
        }

        if (Fill(frameLength, lengthChecked))
        {
            return true;
        }

        string need = $"the record needs {frameLength} bytes, {_end - _start} remain";
        damage = _sourceError is not null ? InvalidCompressedData(start, need) : Damaged(TfRecordDamageKind.Truncated, start, need);
        return false;
    }

    // Makes `count` bytes from _start available; false when the input ends first (or its decompressor fails).
    private bool Fill(int count, bool lengthChecked)
    {
        if (_mapped)
        {
            return _end - _start >= count;
        }

        try
        {
            if (_buffer.Length - _start < count)
            {
                MakeRoom(count, lengthChecked);
            }

            while (_end - _start < count)
            {
                if (_end == _buffer.Length)
                {
                    MakeRoom(count, lengthChecked);
                }

                int read = _source.Read(_buffer.AsSpan(_end));
                if (read <= 0)
                {
                    return false;
                }

                _end += read;
            }

            return true;
        }
        catch (InvalidDataException e)
        {
            _sourceError = e;
            return false;
        }
    }

    // Moves the unread bytes to the front, or into a larger buffer. A length not checked against the input's size
    // only doubles a buffer already full of the record, so memory follows the data that actually arrived.
    private void MakeRoom(int count, bool lengthChecked)
    {
        bool grow = count > _buffer.Length && (lengthChecked || (_start == 0 && _end == _buffer.Length));
        if (!grow && _start == 0)
        {
            return;
        }

        int buffered = _end - _start;
        var target = _buffer;
        if (grow)
        {
            int size = lengthChecked ? count : (int)Math.Min(count, Math.Min(2L * _buffer.Length, Array.MaxLength));
            target = ArrayPool<byte>.Shared.Rent(size);
        }

        _buffer.AsSpan(_start, buffered).CopyTo(target);
        if (target != _buffer)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = target;
            _window = target;
        }

        _bufferOrigin += _start;
        _start = 0;
        _end = buffered;
    }

    // Takes only the first header's bytes, so a compressed input's probe is cheap to hand back to the decompressor.
    private TfRecordCompression ProbeCompression()
    {
        while (_end < CompressionDetector.ProbeLength)
        {
            int read = _source.Read(_buffer.AsSpan(_end, CompressionDetector.ProbeLength - _end));
            if (read <= 0)
            {
                break;
            }

            _end += read;
        }

        return CompressionDetector.Detect(_buffer.AsSpan(0, _end));
    }

    private StreamRecordSource Decompressing(Stream compressed, bool leaveOpen) =>
        new(new CheckedDecompressionStream(compressed, Compression, leaveOpen), leaveOpen: false, seekable: false);

    private void OnDamage(TfRecordException damage, bool recordSkippable)
    {
        if (_policy == DamagePolicy.Throw)
        {
            _fault = damage;
            throw damage;
        }

        (_damage ??= []).Add(damage);
        if (_policy == DamagePolicy.SkipRecord && recordSkippable)
        {
            SkippedRecords++;
            return;
        }

        FileSkipped = true;
        _ended = true;
    }

    private TfRecordException BeyondInput(long start, ulong length, long total) =>
        Damaged(TfRecordDamageKind.Truncated, start,
            $"the length field says {length} bytes, but the input ends {Math.Max(0, total - start)} bytes after the record's start");

    private TfRecordException InvalidCompressedData(long start, string? need = null) => CheckedDecompressionStream.IsCutShort(_sourceError!)
        ? Damaged(TfRecordDamageKind.Truncated, start, need is null ? _sourceError!.Message : $"{need}; {_sourceError!.Message}", _sourceError)
        : Damaged(TfRecordDamageKind.Corrupted, start,
            $"the {CompressionStreams.Name(Compression)} data is invalid ({_sourceError!.Message})", _sourceError);

    private TfRecordException Damaged(TfRecordDamageKind kind, long offset, string detail, Exception? inner = null) =>
        new(kind, offset, _name, detail, inner);

    private string Describe() => _name ?? "the stream";

    private void ReturnBuffer()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = [];
        _window = default;
    }

    private enum Frame
    {
        Record,
        EndOfData,

        // The data checksum failed; the verified length still leads to the next record.
        BadData,

        // The framing is lost (or the input ended): nothing after this point can be trusted.
        Broken,
    }
}
