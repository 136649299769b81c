using System.Buffers.Binary;
using System.Text;

namespace SchemaGen.TensorBoard.Internal;

/// <summary>
/// A scalar summary event, encoded straight into a queue slot without allocating:
/// <c>Event { wall_time, step, summary { value { tag, tensor { dtype: DT_FLOAT, tensor_shape {}, tensor_content },
/// metadata { plugin_data { plugin_name: "scalars" } } } } }</c>, the bytes TensorFlow's summary file writer writes
/// for <c>tf.summary.scalar</c> (a non-string tensor as <c>tensor_content</c>, fields in number order).
/// </summary>
internal readonly struct ScalarEvent
{
    private readonly string _tag;
    private readonly int _tagLength;
    private readonly int _valueLength;
    private readonly int _summaryLength;
    private readonly float _value;
    private readonly long _step;
    private readonly double _wallTime;

    public ScalarEvent(string tag, float value, long step, double wallTime)
    {
        _tag = tag;
        _value = value;
        _step = step;
        _wallTime = wallTime;
        _tagLength = Encoding.UTF8.GetByteCount(tag);
        _valueLength = 1 + ProtoWire.VarintSize((ulong)_tagLength) + _tagLength + TensorPrefix.Length + sizeof(float) + Metadata.Length;
        _summaryLength = 1 + ProtoWire.VarintSize((ulong)_valueLength) + _valueLength;
        Length = 1 + sizeof(double)
            + (step == 0 ? 0 : 1 + ProtoWire.VarintSize((ulong)step))
            + 1 + ProtoWire.VarintSize((ulong)_summaryLength) + _summaryLength;
    }

    /// <summary>The serialized event's length.</summary>
    public int Length { get; }

    /// <summary>Value.tensor up to its 4 content bytes: field 8, 10 bytes: dtype 1, an empty shape, content of 4.</summary>
    private static ReadOnlySpan<byte> TensorPrefix => [0x42, 0x0A, 0x08, 0x01, 0x12, 0x00, 0x22, 0x04];

    /// <summary>Value.metadata: field 9 { plugin_data { plugin_name: "scalars" } }.</summary>
    private static ReadOnlySpan<byte> Metadata => [0x4A, 0x0B, 0x0A, 0x09, 0x0A, 0x07, (byte)'s', (byte)'c', (byte)'a', (byte)'l', (byte)'a', (byte)'r', (byte)'s'];

    public static int Write(Span<byte> slot, in ScalarEvent e)
    {
        int at = 0;
        slot[at++] = 0x09;
        BinaryPrimitives.WriteDoubleLittleEndian(slot[at..], e._wallTime);
        at += sizeof(double);
        if (e._step != 0)
        {
            slot[at++] = 0x10;
            at += ProtoWire.WriteVarint(slot[at..], (ulong)e._step);
        }

        slot[at++] = 0x2A;
        at += ProtoWire.WriteVarint(slot[at..], (ulong)e._summaryLength);
        slot[at++] = 0x0A;
        at += ProtoWire.WriteVarint(slot[at..], (ulong)e._valueLength);
        slot[at++] = 0x0A;
        at += ProtoWire.WriteVarint(slot[at..], (ulong)e._tagLength);
        at += Encoding.UTF8.GetBytes(e._tag, slot[at..]);
        TensorPrefix.CopyTo(slot[at..]);
        at += TensorPrefix.Length;
        BinaryPrimitives.WriteSingleLittleEndian(slot[at..], e._value);
        at += sizeof(float);
        Metadata.CopyTo(slot[at..]);
        return at + Metadata.Length;
    }
}
