namespace SchemaGen.Conversion.Pickle;

/// <summary>
/// A long byte string of a pickle, handed to the unpickler out of band: a view of the pickle's own bytes. Pixel data
/// is neither copied nor, for a Python 2 <c>str</c>, widened into a .NET string of twice its size.
/// </summary>
internal sealed class PickleBuffer(ReadOnlyMemory<byte> bytes, bool isPython2String)
{
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    /// <summary>True for a Python 2 <c>str</c>, false for <c>bytes</c> or <c>bytearray</c>.</summary>
    public bool IsPython2String { get; } = isPython2String;
}
