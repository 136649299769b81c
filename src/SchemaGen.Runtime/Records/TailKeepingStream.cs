using SchemaGen.Internal;

namespace SchemaGen.Records;

/// <summary>
/// The compressed input of a <see cref="CheckedDecompressionStream"/>: passes reads through, counting them and keeping
/// the last 8 bytes (a GZIP member's trailer, or a ZLIB stream's Adler-32 after 4 others). For GZIP it can also hand
/// back the last member again: read from a seekable input, or kept while an unseekable one streams past.
/// </summary>
internal sealed class TailKeepingStream : ForwardOnlyStream
{
    /// <summary>The most of a later GZIP member an unseekable input keeps to check the stream's end.</summary>
    public const int MaxKeptMember = 64 << 20;

    private const int TailLength = 8;
    private const int HeaderProbe = 9;
    private const int ScanChunk = 1 << 16;
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly long _origin;
    private readonly byte[] _tail = new byte[TailLength];

    // Unseekable GZIP input: the bytes from the last member header seen after the first (null until one is seen).
    private readonly bool _keepLastMember;
    private MemoryStream? _lastMember;
    private bool _lastMemberTooLarge;

    public TailKeepingStream(Stream inner, bool leaveOpen, bool gzip)
    {
        _inner = inner;
        _leaveOpen = leaveOpen;
        _origin = inner.CanSeek ? inner.Position : 0;
        _keepLastMember = gzip && !inner.CanSeek;
    }

    /// <summary>The bytes read so far: the whole input once the decompressor has ended.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The last 8 bytes read (zeros in front when fewer were).</summary>
    public ReadOnlySpan<byte> Tail => _tail;

    /// <summary>
    /// A plausible GZIP member header: magic, deflate, no reserved flag bits, and an extra-flags byte zlib writes
    /// (0, 2 or 4). About one position in 2^37 of compressed data passes by chance.
    /// </summary>
    public static bool IsGzipHeader(ReadOnlySpan<byte> at) =>
        at[0] == 0x1F && at[1] == 0x8B && at[2] == 8 && (at[3] & 0xE0) == 0 && at[8] is 0 or 2 or 4;

    public override int Read(Span<byte> buffer)
    {
        int read = _inner.Read(buffer);
        var chunk = buffer[..read];
        if (_keepLastMember)
        {
            KeepLastMember(chunk);
        }

        if (read >= TailLength)
        {
            chunk[^TailLength..].CopyTo(_tail);
        }
        else if (read > 0)
        {
            _tail.AsSpan(read).CopyTo(_tail);
            chunk.CopyTo(_tail.AsSpan(TailLength - read));
        }

        BytesRead += read;
        return read;
    }

    /// <summary>
    /// The last member after the first, from its header to the end of the input (the caller disposes it); null when the
    /// input has only one member, or an unseekable input's last member was over <see cref="MaxKeptMember"/>.
    /// </summary>
    public Stream? OpenLastMember(out bool tooLarge)
    {
        tooLarge = _lastMemberTooLarge;
        if (_keepLastMember)
        {
            return _lastMember is null ? null : new MemoryStream(_lastMember.GetBuffer(), 0, (int)_lastMember.Length, writable: false);
        }

        long start = FindLastGzipHeader();
        if (start <= 0)
        {
            return null;
        }

        _inner.Position = _origin + start;
        return new SubStream(_inner);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    // Scans a seekable input backwards; a member needs 20 bytes, so its header starts 20 bytes before the end at the latest.
    private long FindLastGzipHeader()
    {
        var chunk = new byte[ScanChunk + HeaderProbe];
        long end = BytesRead - 19;
        while (end > 0)
        {
            long start = Math.Max(0, end - ScanChunk);
            int length = (int)(Math.Min(end + HeaderProbe, BytesRead) - start);
            _inner.Position = _origin + start;
            _inner.ReadExactly(chunk, 0, length);
            for (int i = (int)(end - start) - 1; i >= 0; i--)
            {
                if (i + HeaderProbe <= length && IsGzipHeader(chunk.AsSpan(i)))
                {
                    return start + i;
                }
            }

            end = start;
        }

        return -1;
    }

    // Finds member headers as the bytes stream past: the 8 bytes before this chunk (the tail) let a header straddle reads.
    private void KeepLastMember(ReadOnlySpan<byte> chunk)
    {
        int latest = int.MinValue;
        Span<byte> probe = stackalloc byte[HeaderProbe];
        for (int i = -(int)Math.Min(BytesRead, TailLength); i < 0 && i + HeaderProbe <= chunk.Length; i++)
        {
            for (int k = 0; k < HeaderProbe; k++)
            {
                probe[k] = i + k < 0 ? _tail[TailLength + i + k] : chunk[i + k];
            }

            if (BytesRead + i > 0 && IsGzipHeader(probe))
            {
                latest = i;
            }
        }

        for (int i = chunk.IndexOf((byte)0x1F); i >= 0 && i + HeaderProbe <= chunk.Length; i = NextMagic(chunk, i))
        {
            if (BytesRead + i > 0 && IsGzipHeader(chunk[i..]))
            {
                latest = i;
            }
        }

        if (latest != int.MinValue)
        {
            _lastMember = new MemoryStream();
            _lastMemberTooLarge = false;
            if (latest < 0)
            {
                _lastMember.Write(_tail.AsSpan(TailLength + latest));
            }

            _lastMember.Write(chunk[Math.Max(0, latest)..]);
        }
        else if (_lastMember is not null && !_lastMemberTooLarge)
        {
            _lastMember.Write(chunk);
        }

        if (_lastMember is not null && _lastMember.Length > MaxKeptMember)
        {
            _lastMember = null;
            _lastMemberTooLarge = true;
        }
    }

    private static int NextMagic(ReadOnlySpan<byte> chunk, int after)
    {
        int next = chunk[(after + 1)..].IndexOf((byte)0x1F);
        return next < 0 ? -1 : after + 1 + next;
    }

    // The rest of a seekable input, from its current position, left open when disposed.
    private sealed class SubStream(Stream inner) : ForwardOnlyStream
    {
        public override int Read(Span<byte> buffer) => inner.Read(buffer);
    }
}
