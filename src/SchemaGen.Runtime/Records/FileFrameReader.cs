using Microsoft.Win32.SafeHandles;

namespace SchemaGen.Records;

/// <summary>The file path: a plain TFRecord file read with positional reads (<see cref="RandomAccess"/>), no FileStream in between.</summary>
internal sealed class FileFrameReader : BufferedFrameReader
{
    private readonly SafeFileHandle _handle;
    private long _offset;

    /// <param name="handle">The file; the reader takes it over.</param>
    /// <param name="head">The file's first bytes, already read (the probe for compression).</param>
    /// <param name="name">The path, for error messages.</param>
    /// <param name="options">The limits, the buffer size and whether to verify.</param>
    public FileFrameReader(SafeFileHandle handle, ReadOnlySpan<byte> head, string name, TfRecordReaderOptions options)
        : base(head, name, options)
    {
        _handle = handle;
        _offset = head.Length;
    }

    public override bool CanSeek => true;

    // Asked only when a record would not fit in the buffer, so a file that grows while read is still followed.
    protected override long? InputLength => RandomAccess.GetLength(_handle);

    protected override int ReadInput(Span<byte> destination)
    {
        int read = RandomAccess.Read(_handle, destination, _offset);
        _offset += read;
        return read;
    }

    protected override void SeekInput(long offset) => _offset = offset;

    protected override void CloseInput() => _handle.Dispose();
}
