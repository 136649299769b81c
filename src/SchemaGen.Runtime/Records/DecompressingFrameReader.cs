namespace SchemaGen.Records;

/// <summary>
/// The decompressing path: GZIP or ZLIB input decompressed as it is read, its end checked
/// (<see cref="CheckedDecompressionStream"/>). Offsets count in the uncompressed stream, which cannot seek; a
/// decompressor's failure is the damage of the frame it cut short.
/// </summary>
internal sealed class DecompressingFrameReader : StreamFrameReader
{
    private readonly TfRecordCompression _compression;

    protected override TfRecordCompression Compression => _compression;
    private InvalidDataException? _error;

    /// <param name="compressed">The compressed input, from its first byte.</param>
    /// <param name="compression">GZIP or ZLIB.</param>
    /// <param name="leaveOpen">Whether disposing leaves <paramref name="compressed"/> open.</param>
    /// <param name="name">The input's name, for error messages.</param>
    /// <param name="options">The limits, the buffer size and whether to verify.</param>
    public DecompressingFrameReader(Stream compressed, TfRecordCompression compression, bool leaveOpen, string? name, TfRecordReaderOptions options)
        : base(new CheckedDecompressionStream(compressed, compression, leaveOpen), leaveOpen: false, seekable: false, [], name, options)
    {
        _compression = compression;
    }

    protected override int ReadInput(Span<byte> destination)
    {
        try
        {
            return base.ReadInput(destination);
        }
        catch (InvalidDataException e)
        {
            // Kept, and read as the input's end: the frame it cuts short is damaged by it (InputFailure).
            _error = e;
            return 0;
        }
    }

    protected override TfRecordException? InputFailure(long start, string? need) => _error switch
    {
        null => null,
        _ when CheckedDecompressionStream.IsCutShort(_error) =>
            Damaged(TfRecordDamageKind.Truncated, start, need is null ? _error.Message : $"{need}; {_error.Message}", _error),
        _ => Damaged(TfRecordDamageKind.Corrupted, start,
            $"the {CompressionStreams.Name(_compression)} data is invalid ({_error.Message})", _error),
    };
}
