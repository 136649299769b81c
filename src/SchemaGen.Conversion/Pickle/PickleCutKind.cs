namespace SchemaGen.Conversion.Pickle;

/// <summary>What a <see cref="PickleCut"/> removed from a pickle.</summary>
internal enum PickleCutKind
{
    /// <summary>A <c>FRAME</c> opcode: a buffering hint whose length would no longer match.</summary>
    Frame,

    /// <summary>A Python 2 <c>str</c> (<c>BINSTRING</c>).</summary>
    Python2String,

    /// <summary>A <c>bytes</c> or <c>bytearray</c> (<c>BINBYTES</c>, <c>BINBYTES8</c>, <c>BYTEARRAY8</c>).</summary>
    Bytes,
}
