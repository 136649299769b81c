using SchemaGen.Records;

namespace SchemaGen.Datasets;

/// <summary>
/// A record kept until it is parsed: copied into a pooled <see cref="Buffer"/>, or where it lies in a
/// <see cref="Mapping"/> it holds a reference to; with where it came from (for error messages).
/// </summary>
internal struct PooledRecord
{
    public byte[]? Buffer;
    public MappedTfRecordFile? Mapping;
    public int Start;
    public int Length;
    public int FileIndex;
    public long Offset;

    public readonly ReadOnlySpan<byte> Data => Mapping is { } mapping ? mapping.Slice(Start, Length) : new(Buffer, 0, Length);
}
