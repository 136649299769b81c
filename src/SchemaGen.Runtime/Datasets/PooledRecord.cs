namespace SchemaGen;

/// <summary>A record's bytes copied into a pooled buffer, with where it came from (for error messages).</summary>
internal struct PooledRecord
{
    public byte[] Buffer;
    public int Length;
    public int FileIndex;
    public long Offset;

    public readonly ReadOnlySpan<byte> Data => new(Buffer, 0, Length);
}
