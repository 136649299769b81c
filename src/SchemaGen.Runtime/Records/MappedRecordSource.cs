namespace SchemaGen;

/// <summary>
/// The source of a <see cref="TfRecordReader"/> over a <see cref="MappedTfRecordFile"/>: all of it is already in the
/// reader's window, so there is nothing to read; the reader's reference to the mapping ends with it.
/// </summary>
internal sealed class MappedRecordSource(MappedTfRecordFile mapping) : RecordSource
{
    private bool _disposed;

    public override bool CanSeek => true;

    public override long? Length => mapping.Length;

    public override int Read(Span<byte> destination) => 0;

    public override void Seek(long offset)
    {
    }

    public override void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            mapping.Release();
        }
    }
}
