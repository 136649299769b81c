using SchemaGen.Internal;

namespace SchemaGen.Records;

/// <summary>
/// Replays bytes already taken from a stream (the probe for compression), then reads on from the stream itself,
/// so a decompressor sees the input from its first byte even when the input cannot seek.
/// </summary>
internal sealed class PrefixedStream(byte[] prefix, Stream inner, bool leaveOpen) : ForwardOnlyStream
{
    private int _prefixPosition;

    public override int Read(Span<byte> buffer)
    {
        if (_prefixPosition < prefix.Length)
        {
            int count = Math.Min(buffer.Length, prefix.Length - _prefixPosition);
            prefix.AsSpan(_prefixPosition, count).CopyTo(buffer);
            _prefixPosition += count;
            return count;
        }

        return inner.Read(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
