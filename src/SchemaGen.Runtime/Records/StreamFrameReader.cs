namespace SchemaGen.Records;

/// <summary>
/// The stream path: a caller's <see cref="Stream"/>, or a decompressor over one (<see cref="DecompressingFrameReader"/>).
/// Offsets count from the stream's position when the reader was made; a seekable plain stream can seek to them.
/// </summary>
internal class StreamFrameReader : BufferedFrameReader
{
    private readonly Stream _stream;
    private readonly long _streamOrigin;
    private readonly bool _leaveOpen;

    /// <param name="stream">The input, positioned after <paramref name="head"/>.</param>
    /// <param name="leaveOpen">Whether disposing leaves <paramref name="stream"/> open.</param>
    /// <param name="seekable">Whether offsets may be mapped onto the stream's positions (plain input only).</param>
    /// <param name="head">The bytes already taken from the stream (the probe for compression); read first.</param>
    /// <param name="name">The input's name, for error messages.</param>
    /// <param name="options">The limits, the buffer size and whether to verify.</param>
    public StreamFrameReader(Stream stream, bool leaveOpen, bool seekable, ReadOnlySpan<byte> head, string? name, TfRecordReaderOptions options)
        : base(head, name, options)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        CanSeek = seekable && stream.CanSeek;
        _streamOrigin = CanSeek ? stream.Position - head.Length : 0;
    }

    public override bool CanSeek { get; }

    protected override long? InputLength => CanSeek ? _stream.Length - _streamOrigin : null;

    protected override int ReadInput(Span<byte> destination) => _stream.Read(destination);

    protected override void SeekInput(long offset) => _stream.Position = _streamOrigin + offset;

    protected override void CloseInput()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
