using System.Buffers.Binary;

namespace SchemaGen.Records;

/// <summary>
/// The mapped-file path: the whole of a mapped plain file is the window, so nothing is read or copied, and records
/// point into the mapping. With the data checksums deferred, whoever takes a record verifies it
/// (<see cref="MappedTfRecordFile.DataMatches"/>), and this reader touches only headers.
/// </summary>
internal sealed class MappedFrameReader : FrameReader
{
    private readonly MappedTfRecordFile _mapping;
    private bool _released;

    // Where the records handed out since the last seek begin: with the data checksums deferred, none of them is verified here.
    private int _handedOutFrom;

    /// <param name="mapping">The file; the reader takes over one reference to it.</param>
    /// <param name="name">The path, for error messages.</param>
    /// <param name="options">The limits and whether to verify.</param>
    public MappedFrameReader(MappedTfRecordFile mapping, string name, TfRecordReaderOptions options)
        : base(name, options, verifyData: options.VerifyChecksums && !mapping.DataChecksumsDeferred, prefetchHeaders: mapping.DataChecksumsDeferred)
    {
        _mapping = mapping;
        _window = mapping.Memory;
        _end = mapping.Length;
    }

    public override bool CanSeek => true;

    protected override long? InputLength => _mapping.Length;

    // Past the end reads as the end, as a file read there would.
    public override void Seek(long offset) => _handedOutFrom = _start = offset <= _end ? (int)offset : _end;

    public override void Dispose()
    {
        if (!_released)
        {
            _released = true;
            _mapping.Release();
        }
    }

    protected override bool Fill(int count) => _end - _start >= count;

    // The parse workers verify the records handed out, but this reader runs ahead of them: at damage, the records
    // before it are verified here, once, so the first damage is reported as a buffered read (and TensorFlow) reports it.
    protected override TfRecordException? DeferredDamageBefore(long start)
    {
        if (!_mapping.DataChecksumsDeferred)
        {
            return null;
        }

        ReadOnlySpan<byte> file = _mapping.GetSpan();
        int at = _handedOutFrom;
        while (at + TfRecordFraming.HeaderLength <= start)
        {
            // Each header here was checked when its record was handed out.
            int length = (int)BinaryPrimitives.ReadUInt64LittleEndian(file[at..]);
            int dataStart = at + TfRecordFraming.HeaderLength;
            if (!_mapping.DataMatches(dataStart, length))
            {
                return TfRecordException.DataMismatch(at, length, Name);
            }

            at = dataStart + length + TfRecordFraming.FooterLength;
        }

        return null;
    }
}
