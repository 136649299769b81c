using System.Buffers.Binary;
using System.Text;

namespace SchemaGen.Testing.Fixtures;

/// <summary>Writes pickle opcodes by hand, the way Python 2's cPickle wrote the CIFAR batches (protocol 2, BINPUT after every object).</summary>
public sealed class PickleBuilder
{
    private readonly List<byte> _bytes = [];
    private int _memo;

    public PickleBuilder Proto(int protocol) => Op(0x80).Byte(protocol);

    public PickleBuilder Put() => _memo < 256 ? Op((byte)'q').Byte(_memo++) : Op((byte)'r').Int32(_memo++);

    public PickleBuilder EmptyDict() => Op((byte)'}').Put();

    public PickleBuilder EmptyList() => Op((byte)']').Put();

    public PickleBuilder Mark() => Op((byte)'(');

    public PickleBuilder SetItems() => Op((byte)'u');

    public PickleBuilder Appends() => Op((byte)'e');

    public PickleBuilder Tuple() => Op((byte)'t').Put();

    public PickleBuilder Tuple1() => Op(0x85).Put();

    public PickleBuilder Tuple2() => Op(0x86).Put();

    public PickleBuilder Tuple3() => Op(0x87).Put();

    public PickleBuilder Reduce() => Op((byte)'R').Put();

    public PickleBuilder Build() => Op((byte)'b');

    public PickleBuilder None() => Op((byte)'N');

    public PickleBuilder False() => Op(0x89);

    public PickleBuilder Stop() => Op((byte)'.');

    public PickleBuilder Global(string module, string name) => Op((byte)'c').Raw(Encoding.ASCII.GetBytes($"{module}\n{name}\n")).Put();

    public PickleBuilder StackGlobal() => Op(0x93);

    public PickleBuilder ShortBinUnicode(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        return Op(0x8c).Byte(utf8.Length).Raw(utf8);
    }

    /// <summary>A Python 2 <c>str</c>: SHORT_BINSTRING up to 255 bytes, else BINSTRING.</summary>
    public PickleBuilder String(ReadOnlySpan<byte> bytes) =>
        (bytes.Length < 256 ? Op((byte)'U').Byte(bytes.Length) : Op((byte)'T').Int32(bytes.Length)).Raw(bytes).Put();

    public PickleBuilder String(string latin1) => String(Encoding.Latin1.GetBytes(latin1));

    /// <summary>An int as cPickle writes it: BININT1, BININT2 or BININT.</summary>
    public PickleBuilder Int(int value) =>
        value is >= 0 and < 256 ? Op((byte)'K').Byte(value)
        : value is >= 0 and < 65536 ? Op((byte)'M').Byte(value & 0xFF).Byte(value >> 8)
        : Op((byte)'J').Int32(value);

    public PickleBuilder Raw(ReadOnlySpan<byte> bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public byte[] ToArray() => _bytes.ToArray();

    private PickleBuilder Op(byte opcode) => Byte(opcode);

    private PickleBuilder Byte(int value)
    {
        _bytes.Add((byte)value);
        return this;
    }

    private PickleBuilder Int32(int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return Raw(bytes);
    }
}
