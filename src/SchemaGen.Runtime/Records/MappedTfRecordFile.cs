using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace SchemaGen.Records;

/// <summary>
/// A plain TFRecord file mapped into memory, so its records can be read, verified and parsed in place: no read
/// into a buffer, no copy into a shuffle buffer. Shared by the reader that walks it and every record still in
/// flight, each holding a reference; the last release unmaps it.
/// </summary>
/// <remarks>
/// As with every memory-mapped reader (DALI's among them), a file truncated by another process while mapped
/// faults on access to the lost pages; datasets that may change while read are read with mapping off
/// (<see cref="TfRecordDataset.WithMemoryMapping"/>).
/// </remarks>
internal sealed unsafe class MappedTfRecordFile : MemoryManager<byte>
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _pointer;
    private readonly int _length;
    private int _references = 1;

    private MappedTfRecordFile(MemoryMappedFile file, MemoryMappedViewAccessor view, int length)
    {
        _file = file;
        _view = view;
        _length = length;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _pointer = pointer + view.PointerOffset;
    }

    public int Length => _length;

    /// <summary>
    /// Whether the reader left the data checksums to whoever takes the records: a batch's parse worker, which reads
    /// the record into cache for parsing anyway, so the data crosses the memory bus once instead of twice.
    /// </summary>
    public bool DataChecksumsDeferred { get; init; }

    /// <summary>Maps <paramref name="path"/>; null when it cannot be mapped whole (empty, or over 2 GiB), to be read instead.</summary>
    public static MappedTfRecordFile? TryOpen(string path, bool deferDataChecksums = false)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        long length = stream.Length;
        if (length == 0 || length > int.MaxValue)
        {
            return null;
        }

        var file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        try
        {
            return new MappedTfRecordFile(file, file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read), (int)length)
            {
                DataChecksumsDeferred = deferDataChecksums,
            };
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public ReadOnlySpan<byte> Slice(int start, int length) => new(_pointer + start, length);

    /// <summary>Verifies the data checksum of the record whose data is at <paramref name="start"/>.</summary>
    public bool DataMatches(int start, int length) =>
        TfRecordFraming.DataMatches(Slice(start, length), Slice(start + length, TfRecordFraming.FooterLength));

    public void AddReference() => Interlocked.Increment(ref _references);

    public void Release(int count = 1)
    {
        if (Interlocked.Add(ref _references, -count) == 0)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _file.Dispose();
        }
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    // The references, not IDisposable, decide when the mapping goes.
    protected override void Dispose(bool disposing)
    {
    }
}
