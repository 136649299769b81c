using System.Buffers;

namespace SchemaGen;

/// <summary>
/// The stream path: frames read into a pooled buffer from a file (positional reads) or a stream. A length is checked
/// against the bytes left before the buffer grows for it, so a hostile length allocates nothing; input of unknown
/// length grows the buffer only as data arrives.
/// </summary>
internal class StreamFrameReader : FrameReader
{
    private readonly RecordSource _source;
    private byte[] _buffer;

    /// <param name="source">The input.</param>
    /// <param name="head">Bytes already taken from <paramref name="source"/> (the probe for compression); read first.</param>
    /// <param name="name">The input's name, for error messages.</param>
    /// <param name="options">The limits, the buffer size and whether to verify.</param>
    public StreamFrameReader(RecordSource source, ReadOnlySpan<byte> head, string? name, TfRecordReaderOptions options)
        : base(name, options, verifyData: options.VerifyChecksums)
    {
        _source = source;
        _buffer = ArrayPool<byte>.Shared.Rent(options.BufferSize);
        _window = _buffer;
        head.CopyTo(_buffer);
        _end = head.Length;
    }

    public override bool CanSeek => _source.CanSeek;

    protected override long? InputLength => _source.Length;

    public override void Seek(long offset)
    {
        if (offset >= _origin && offset <= _origin + _end)
        {
            // Already buffered: index-driven reads that move forward cost no I/O.
            _start = (int)(offset - _origin);
            return;
        }

        _source.Seek(offset);
        _origin = offset;
        _start = _end = 0;
    }

    /// <summary>Closes the input (unless left open) and returns the buffer to the pool.</summary>
    public override void Dispose()
    {
        _source.Dispose();
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = [];
        _window = default;
    }

    /// <summary>Reads from the input; 0 at its end.</summary>
    protected virtual int ReadInput(Span<byte> destination) => _source.Read(destination);

    protected override bool Fill(int count) => Fill(count, lengthChecked: false);

    protected override bool FillFrame(long start, int frameLength, out TfRecordException? damage)
    {
        damage = null;
        bool lengthChecked = false;
        if (frameLength > _buffer.Length && _source.Length is long total)
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

        damage = CutShort(start, frameLength);
        return false;
    }

    private bool Fill(int count, bool lengthChecked)
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

            int read = ReadInput(_buffer.AsSpan(_end));
            if (read <= 0)
            {
                return false;
            }

            _end += read;
        }

        return true;
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

        _origin += _start;
        _start = 0;
        _end = buffered;
    }
}
