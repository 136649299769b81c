using System.Buffers;

namespace SchemaGen.Records;

/// <summary>
/// Frames read into a pooled buffer from an input read front to back: what the file and stream paths share. A length
/// is checked against the bytes left before the buffer grows for it, so a hostile length allocates nothing; input
/// of unknown length grows the buffer only as data arrives.
/// </summary>
internal abstract class BufferedFrameReader : FrameReader
{
    private byte[] _buffer;

    /// <param name="head">Bytes already taken from the input (the probe for compression); read first.</param>
    /// <param name="name">The input's name, for error messages.</param>
    /// <param name="options">The limits, the buffer size and whether to verify.</param>
    protected BufferedFrameReader(ReadOnlySpan<byte> head, string? name, TfRecordReaderOptions options)
        : base(name, options, verifyData: options.VerifyChecksums)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(options.BufferSize);
        _window = _buffer;
        head.CopyTo(_buffer);
        _end = head.Length;
    }

    public override void Seek(long offset)
    {
        if (offset >= _origin && offset <= _origin + _end)
        {
            // Already buffered: index-driven reads that move forward cost no I/O.
            _start = (int)(offset - _origin);
            return;
        }

        SeekInput(offset);
        _origin = offset;
        _start = _end = 0;
    }

    /// <summary>Closes the input (unless left open) and returns the buffer to the pool.</summary>
    public override void Dispose()
    {
        CloseInput();
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = [];
        _window = default;
    }

    /// <summary>Reads at most <paramref name="destination"/>'s length; 0 only at the end of the input.</summary>
    protected abstract int ReadInput(Span<byte> destination);

    /// <summary>Continues reading the input at <paramref name="offset"/> bytes from the start of the TFRecord stream.</summary>
    protected abstract void SeekInput(long offset);

    /// <summary>Closes the input, unless the caller keeps it open.</summary>
    protected abstract void CloseInput();

    protected override bool Fill(int count) => Fill(count, lengthChecked: false);

    protected override bool FillFrame(long start, int frameLength, out TfRecordException? damage)
    {
        damage = null;
        bool lengthChecked = false;
        if (frameLength > _buffer.Length && InputLength is long total)
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
