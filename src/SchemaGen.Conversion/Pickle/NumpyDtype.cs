using System.Globalization;

namespace SchemaGen.Conversion.Pickle;

/// <summary>
/// A numpy dtype as pickled: <c>numpy.dtype('u1', False, True)</c>, then <c>__setstate__((3, '|', …))</c>, whose
/// second item is the byte order. Only the kinds a dataset pickle needs are understood: integers, bool and objects.
/// </summary>
internal sealed class NumpyDtype
{
    public NumpyDtype(string descriptor)
    {
        Descriptor = descriptor;
        string code = descriptor.TrimStart('<', '>', '|', '=');
        ByteOrder = descriptor.Length > code.Length ? descriptor[0] : '=';
        Kind = code.Length > 0 ? code[0] : '?';
        ItemSize = Kind == 'O' ? 0
            : code.Length > 1 && int.TryParse(code.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int size) ? size
            : 0;
    }

    /// <summary>The type string as pickled, for messages (<c>u1</c>, <c>&lt;i8</c>, <c>O8</c>).</summary>
    public string Descriptor { get; }

    /// <summary>numpy's kind character: <c>u</c>, <c>i</c>, <c>b</c>, <c>O</c>, …</summary>
    public char Kind { get; }

    public int ItemSize { get; }

    /// <summary><c>&lt;</c>, <c>&gt;</c>, <c>|</c> (not applicable) or <c>=</c> (native).</summary>
    public char ByteOrder { get; private set; }

    public bool IsUInt8 => Kind == 'u' && ItemSize == 1;

    public bool IsInteger => Kind is 'u' or 'i' or 'b' && ItemSize is 1 or 2 or 4 or 8;

    public bool IsObject => Kind == 'O';

    public bool IsBigEndian => ByteOrder == '>' || (ByteOrder == '=' && !BitConverter.IsLittleEndian);

    /// <summary>Called by the unpickler's BUILD with numpy's dtype state tuple.</summary>
#pragma warning disable CA1707, IDE1006 // the name is the pickle protocol's, found by reflection
    public void __setstate__(object[] state)
#pragma warning restore CA1707, IDE1006
    {
        if (state.Length > 1 && state[1] is string order && order.Length == 1)
        {
            ByteOrder = order[0];
        }
    }

    public override string ToString() => Descriptor;
}
