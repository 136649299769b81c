namespace SchemaGen.Runtime.Tests.Records;

/// <summary>A writable stream that accepts <c>capacity</c> bytes, then fails like a full disk.</summary>
internal sealed class FullDiskStream(int capacity) : MemoryStream
{
    public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (Length + count > capacity)
        {
            throw new IOException("No space left on device");
        }

        base.Write(buffer, offset, count);
    }

    public override void WriteByte(byte value) => Write([value], 0, 1);
}
