using System.Buffers.Binary;
using System.Text;

namespace SchemaGen.TensorBoard.Internal;

/// <summary>
/// A growable protobuf encoder for the events that are not on the hot path (images, histograms, text, hparams):
/// fields are written in field-number order, as protoc's serializers write them, and a nested message is written
/// into its own buffer first, then copied in with its length.
/// </summary>
internal sealed class ProtoBuffer
{
    private byte[] _buffer = new byte[256];
    private int _length;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public int Length => _length;

    public void Clear() => _length = 0;

    public void Varint(int field, ulong value)
    {
        Tag(field, ProtoWire.Varint);
        RawVarint(value);
    }

    public void Double(int field, double value)
    {
        Tag(field, ProtoWire.Fixed64);
        BinaryPrimitives.WriteDoubleLittleEndian(Grow(8), value);
    }

    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, ProtoWire.LengthDelimited);
        RawVarint((ulong)value.Length);
        value.CopyTo(Grow(value.Length));
    }

    public void String(int field, string value)
    {
        Tag(field, ProtoWire.LengthDelimited);
        int length = Encoding.UTF8.GetByteCount(value);
        RawVarint((ulong)length);
        Encoding.UTF8.GetBytes(value, Grow(length));
    }

    public void Message(int field, ProtoBuffer message) => Bytes(field, message.Written);

    /// <summary>A length-delimited field whose <paramref name="length"/> bytes the caller fills in.</summary>
    public Span<byte> Reserve(int field, int length)
    {
        Tag(field, ProtoWire.LengthDelimited);
        RawVarint((ulong)length);
        return Grow(length);
    }

    private void Tag(int field, int wireType) => RawVarint((ulong)((field << 3) | wireType));

    private void RawVarint(ulong value)
    {
        var span = Grow(ProtoWire.VarintSize(value));
        ProtoWire.WriteVarint(span, value);
    }

    private Span<byte> Grow(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
