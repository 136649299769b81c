using Microsoft.Win32.SafeHandles;

namespace SchemaGen;

/// <summary>A plain TFRecord file read with positional reads (<see cref="RandomAccess"/>), no FileStream in between.</summary>
internal sealed class FileRecordSource(SafeFileHandle handle, long offset) : RecordSource
{
    private long _offset = offset;

    public override bool CanSeek => true;

    // Asked only when a record would not fit in the buffer, so a file that grows while read is still followed.
    public override long? Length => RandomAccess.GetLength(handle);

    public override int Read(Span<byte> destination)
    {
        int read = RandomAccess.Read(handle, destination, _offset);
        _offset += read;
        return read;
    }

    public override void Seek(long offset) => _offset = offset;

    public override void Dispose() => handle.Dispose();
}
