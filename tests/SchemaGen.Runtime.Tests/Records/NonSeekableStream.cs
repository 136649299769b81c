using SchemaGen.Internal;

namespace SchemaGen.Runtime.Tests.Records;

/// <summary>A read-only stream over bytes that cannot seek and hands out at most <c>chunk</c> bytes per read.</summary>
internal sealed class NonSeekableStream(byte[] data, int chunk = int.MaxValue) : ForwardOnlyStream
{
    private int _position;

    public int Reads { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        Reads++;
        int count = Math.Min(Math.Min(buffer.Length, chunk), data.Length - _position);
        data.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }
}
