namespace SchemaGen;

/// <summary>A TFRecord stream read from a <see cref="Stream"/>: the caller's, or a decompressor over it.</summary>
internal sealed class StreamRecordSource : RecordSource
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly long _origin;

    /// <param name="stream">The stream, positioned at the first byte of the TFRecord data.</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves <paramref name="stream"/> open.</param>
    /// <param name="seekable">Whether offsets may be mapped onto the stream's positions (plain input only).</param>
    public StreamRecordSource(Stream stream, bool leaveOpen, bool seekable)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        CanSeek = seekable && stream.CanSeek;
        _origin = CanSeek ? stream.Position : 0;
    }

    public override bool CanSeek { get; }

    public override long? Length => CanSeek ? _stream.Length - _origin : null;

    public override int Read(Span<byte> destination) => _stream.Read(destination);

    public override void Seek(long offset) => _stream.Position = _origin + offset;

    public override void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
