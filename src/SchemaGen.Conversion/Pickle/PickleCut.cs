namespace SchemaGen.Conversion.Pickle;

/// <summary>
/// A stretch of a scanned pickle that Razorvine is not given: a long byte string, whose opcode becomes
/// <c>NEXT_BUFFER</c> and whose data is handed over as a view, or a <c>FRAME</c> hint, dropped.
/// </summary>
/// <param name="Offset">Where the opcode starts.</param>
/// <param name="DataOffset">Where the string's data starts (for a frame: where the next opcode starts).</param>
/// <param name="DataLength">The string's length (0 for a frame).</param>
/// <param name="Kind">What was cut.</param>
internal readonly record struct PickleCut(int Offset, int DataOffset, int DataLength, PickleCutKind Kind)
{
    public int End => DataOffset + DataLength;
}
