using System.Runtime.ExceptionServices;
using SchemaGen.Records;
using SchemaGen.Storage;

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

    // Null options read as these. Never changed: a reader copies what it needs, so they are shared.
    private static readonly TfRecordReaderOptions DefaultOptions = new();

    private readonly DamagePolicy _policy;

    // What differs by input, each in its own class: a mapped file, a file, a stream, or a decompressor. This class
    // keeps the policy, the counts and the public API.
    private readonly FrameReader _frames;
    private bool _ended;
    private Exception? _fault;
    private List<TfRecordException>? _damage;
    private bool _disposed;

    /// <summary>Opens a TFRecord file, or an object (<c>s3://bucket/key</c>, <c>gs://…</c>, <c>az://…</c>).</summary>
    /// <param name="path">The file or the object's address; it appears in error messages. An object is read through
    /// the store registered for its scheme (<see cref="Storage.ObjectStores"/>), with read-ahead, compressed or not.</param>
    /// <param name="options">How to read; null for the defaults.</param>
    public TfRecordReader(string path, TfRecordReaderOptions? options = null)
    {
        options = Validated(options);
        ArgumentException.ThrowIfNullOrEmpty(path);
        options = CompressionByExtension.Apply(options, path);
        _policy = options.Policy;
        if (ObjectFiles.IsObject(path))
        {
            var stream = ObjectFiles.OpenRead(path);
            try
            {
                (_frames, Compression) = OpenStream(stream, options, leaveOpen: false, path);
            }
            catch
            {
                stream.Dispose();
                throw;
            }

            return;
        }

        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        try
        {
            Span<byte> head = stackalloc byte[CompressionDetector.ProbeLength];
            head = head[..(options.Compression is null ? ReadHead(handle, head) : 0)];
            Compression = options.Compression ?? CompressionDetector.Detect(head);

            // A compressed file is decompressed from its start, through a stream that takes over the handle.
            _frames = Compression == TfRecordCompression.None
                ? new FileFrameReader(handle, head, path, options)
                : new DecompressingFrameReader(
                    new FileStream(handle, FileAccess.Read, bufferSize: 1 << 16) { Position = 0 }, Compression, leaveOpen: false, path, options);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Reads a TFRecord stream from <paramref name="stream"/>'s current position.</summary>
    /// <param name="stream">The input; offsets count from its position now.</param>
    /// <param name="options">How to read; null for the defaults.</param>
    /// <param name="leaveOpen">Whether disposing the reader leaves <paramref name="stream"/> open.</param>
    /// <param name="displayName">A name for error messages, for example the stream's origin.</param>
    public TfRecordReader(Stream stream, TfRecordReaderOptions? options = null, bool leaveOpen = false, string? displayName = null)
    {
        options = Validated(options);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream cannot be read.", nameof(stream));
        }

        _policy = options.Policy;
        (_frames, Compression) = OpenStream(stream, options, leaveOpen, displayName);
    }

    private static (FrameReader Frames, TfRecordCompression Compression) OpenStream(
        Stream stream, TfRecordReaderOptions options, bool leaveOpen, string? displayName)
    {
        Span<byte> head = stackalloc byte[CompressionDetector.ProbeLength];
        head = head[..(options.Compression is null ? stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) : 0)];
        var compression = options.Compression ?? CompressionDetector.Detect(head);
        if (compression == TfRecordCompression.None)
        {
            return (new StreamFrameReader(stream, leaveOpen, seekable: true, head, displayName, options), compression);
        }

        // The probe bytes are already taken from the stream: a seekable one goes back to them (so the end check can
        // read it again), any other gives them to the decompressor first.
        Stream compressed = stream;
        if (stream.CanSeek)
        {
            stream.Position -= head.Length;
        }
        else
        {
            compressed = new PrefixedStream(head.ToArray(), stream, leaveOpen);
        }

        return (new DecompressingFrameReader(compressed, compression, leaveOpen && stream.CanSeek, displayName, options), compression);
    }

    /// <summary>
    /// Reads a mapped plain file in place: records point into the mapping, which they keep alive. With the data
    /// checksums deferred, whoever takes a record verifies it (<see cref="MappedTfRecordFile.DataMatches"/>).
    /// </summary>
    internal TfRecordReader(MappedTfRecordFile mapping, string path, TfRecordReaderOptions? options)
    {
        options = Validated(options);
        _policy = options.Policy;
        Compression = TfRecordCompression.None;
        _frames = new MappedFrameReader(mapping, path, options);
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

            var outcome = _frames.Read(out record, out var damage);
            if (outcome == FrameOutcome.Record)
            {
                RecordOffset = _frames.RecordStart;
                RecordsRead++;
                return true;
            }

            if (outcome == FrameOutcome.EndOfData)
            {
                _ended = true;
            }
            else
            {
                OnDamage(damage!, recordSkippable: outcome == FrameOutcome.BadData);
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
        if (!_frames.CanSeek)
        {
            throw new NotSupportedException(Compression == TfRecordCompression.None
                ? $"Cannot seek in {Describe()}: the stream cannot seek."
                : $"Cannot seek in {Describe()}: {CompressionStreams.Name(Compression)} data has no byte offsets; read it from the start.");
        }

        _frames.Seek(offset);
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
        _frames.Dispose();
    }

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

    private string Describe() => _frames.Name ?? "the stream";

    private static TfRecordReaderOptions Validated(TfRecordReaderOptions? options)
    {
        options ??= DefaultOptions;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BufferSize, MinBufferSize, "options.BufferSize");
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRecordLength, "options.MaxRecordLength");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxRecordLength, TfRecordFraming.MaxPayloadLength, "options.MaxRecordLength");
        return options;
    }

    // The probe takes only the first header's bytes: the plain reader starts with them, a decompressor rereads them.
    private static int ReadHead(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> head)
    {
        int read = 0;
        while (read < head.Length)
        {
            int more = RandomAccess.Read(handle, head[read..], read);
            if (more <= 0)
            {
                break;
            }

            read += more;
        }

        return read;
    }
}
