using SchemaGen.Internal;

namespace SchemaGen.Fuzz.Targets;

/// <summary>An unseekable stream over bytes that hands out at most <c>chunk</c> bytes per read.</summary>
internal sealed class ChunkedStream(byte[] data, int chunk) : ForwardOnlyStream
{
    private int _position;

    public override int Read(Span<byte> buffer)
    {
        int count = Math.Min(Math.Min(buffer.Length, chunk), data.Length - _position);
        data.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }
}
