using System.Runtime.CompilerServices;

namespace SchemaGen.Records;

/// <summary>
/// Reads the frames of a TFRecord stream, one at a time, out of a window of bytes, with TensorFlow's rules: the
/// length against its checksum and the limits, the data against its checksum, and a name for a frame cut short.
/// Where the window's bytes come from is a subclass's one job: a mapped file (<see cref="MappedFrameReader"/>), or a
/// buffer (<see cref="BufferedFrameReader"/>) read from a file (<see cref="FileFrameReader"/>), a stream
/// (<see cref="StreamFrameReader"/>) or a decompressor (<see cref="DecompressingFrameReader"/>).
/// </summary>
internal abstract class FrameReader : IDisposable
{
    private readonly int _maxRecordLength;
    private readonly bool _verifyData;
    private readonly bool _prefetchHeaders;

    /// <summary>The bytes read so far: <c>_start.._end</c> are unread, and <c>_window[0]</c> is <c>_origin</c> bytes into the stream.</summary>
    protected Memory<byte> _window;
    protected int _start;
    protected int _end;
    protected long _origin;

    /// <param name="name">The input's name, for error messages.</param>
    /// <param name="options">The limits.</param>
    /// <param name="verifyData">Whether <see cref="Read"/> verifies each record's data checksum.</param>
    /// <param name="prefetchHeaders">Whether to prefetch the next header (when nothing here touches the data).</param>
    protected FrameReader(string? name, TfRecordReaderOptions options, bool verifyData, bool prefetchHeaders = false)
    {
        Name = name;

        // At most TfRecordFraming.MaxPayloadLength: an int keeps the reader as small as it was before the split.
        _maxRecordLength = (int)options.MaxRecordLength;
        _verifyData = verifyData;
        _prefetchHeaders = prefetchHeaders;
    }

    /// <summary>The input's name, for error messages.</summary>
    public string? Name { get; }

    /// <summary>Where the record last returned starts (its length field), in bytes from the start of the stream.</summary>
    public long RecordStart { get; private set; }

    /// <summary>Whether <see cref="Seek"/> works (plain, seekable input).</summary>
    public abstract bool CanSeek { get; }

    /// <summary>The compression the frames are read through, for messages about the first header.</summary>
    protected virtual TfRecordCompression Compression => TfRecordCompression.None;

    /// <summary>The stream's length when the input knows it; null otherwise.</summary>
    protected abstract long? InputLength { get; }

    /// <summary>Reads the next frame: its record (valid until the next call), or the damage that ended it.</summary>
    public FrameOutcome Read(out ReadOnlyMemory<byte> record, out TfRecordException? damage)
    {
        long start = _origin + _start;
        var outcome = ReadFrame(start, out record, out damage);
        if (outcome == FrameOutcome.Broken)
        {
            damage = DeferredDamageBefore(start) ?? damage;
        }

        return outcome;
    }

    /// <summary>Continues at <paramref name="offset"/> bytes from the start (only where <see cref="CanSeek"/>).</summary>
    public abstract void Seek(long offset);

    public abstract void Dispose();

    /// <summary>
    /// The first damage among the records handed out before <paramref name="start"/> whose checks were left to their
    /// takers: it comes before the damage at <paramref name="start"/>, so it is the one to report. Null when there is none.
    /// </summary>
    protected virtual TfRecordException? DeferredDamageBefore(long start) => null;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // its one caller is the per-record path
    private FrameOutcome ReadFrame(long start, out ReadOnlyMemory<byte> record, out TfRecordException? damage)
    {
        record = default;
        damage = null;

        if (_end - _start < TfRecordFraming.HeaderLength && !Fill(TfRecordFraming.HeaderLength))
        {
            string? need = _end > _start ? $"the header needs 12 bytes, {_end - _start} remain" : null;
            damage = InputFailure(start, need);
            if (damage is null)
            {
                if (need is null)
                {
                    return FrameOutcome.EndOfData;
                }

                damage = Damaged(TfRecordDamageKind.Truncated, start, need);
            }

            return FrameOutcome.Broken;
        }

        var window = _window.Span;
        if (!TfRecordFraming.TryReadLength(window.Slice(_start, TfRecordFraming.HeaderLength), out ulong length))
        {
            // TensorFlow says only "corrupted record at 0"; at the very start that is most often not a TFRecord at all.
            damage = start == 0
                ? TfRecordException.NotTfRecord(length, Name, Compression)
                : Damaged(TfRecordDamageKind.Corrupted, start, "the length does not match its checksum");
            return FrameOutcome.Broken;
        }

        if (length > (ulong)_maxRecordLength)
        {
            // Where the input is known to end sooner, TensorFlow's answer (a truncation) is the more useful one.
            damage = InputLength is long total && length > (ulong)Math.Max(0, total - start - TfRecordFraming.Overhead)
                ? BeyondInput(start, length, total)
                : Damaged(TfRecordDamageKind.TooLong, start,
                    $"the length field says {length} bytes, more than MaxRecordLength ({_maxRecordLength})");
            return FrameOutcome.Broken;
        }

        int frameLength = (int)length + TfRecordFraming.Overhead;
        if (_end - _start < frameLength && !FillFrame(start, frameLength, out damage))
        {
            return FrameOutcome.Broken;
        }

        int dataStart = _start + TfRecordFraming.HeaderLength;
        _start += frameLength;
        window = _window.Span;
        if (_prefetchHeaders && _end - _start >= TfRecordFraming.HeaderLength)
        {
            // Nothing here touches the data, so the next header is a memory access nobody prefetches but us.
            PrefetchHeader(window.Slice(_start, TfRecordFraming.HeaderLength));
        }

        if (_verifyData && !TfRecordFraming.DataMatches(
                window.Slice(dataStart, (int)length), window.Slice(dataStart + (int)length, TfRecordFraming.FooterLength)))
        {
            damage = TfRecordException.DataMismatch(start, (int)length, Name);
            return FrameOutcome.BadData;
        }

        record = _window.Slice(dataStart, (int)length);
        RecordStart = start;
        return FrameOutcome.Record;
    }

    /// <summary>Makes <paramref name="count"/> bytes from <c>_start</c> available; false when the input ends (or fails) first.</summary>
    protected abstract bool Fill(int count);

    /// <summary>
    /// <see cref="Fill"/> for a whole frame whose length passed the limits; false with the damage when it is cut short.
    /// </summary>
    protected virtual bool FillFrame(long start, int frameLength, out TfRecordException? damage)
    {
        damage = Fill(frameLength) ? null : CutShort(start, frameLength);
        return damage is null;
    }

    /// <summary>What a frame cut short is when the input failed rather than ended; null when it ended.</summary>
    protected virtual TfRecordException? InputFailure(long start, string? need) => null;

    protected TfRecordException CutShort(long start, int frameLength)
    {
        string need = $"the record needs {frameLength} bytes, {_end - _start} remain";
        return InputFailure(start, need) ?? Damaged(TfRecordDamageKind.Truncated, start, need);
    }

    protected TfRecordException BeyondInput(long start, ulong length, long total) =>
        Damaged(TfRecordDamageKind.Truncated, start,
            $"the length field says {length} bytes, but the input ends {Math.Max(0, total - start)} bytes after the record's start");

    protected TfRecordException Damaged(TfRecordDamageKind kind, long offset, string detail, Exception? inner = null) =>
        new(kind, offset, Name, detail, inner);

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
}
