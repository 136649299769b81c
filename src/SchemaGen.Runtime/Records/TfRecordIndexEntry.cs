namespace SchemaGen.Records;

/// <summary>One line of a TFRecord index: where a record starts and how many bytes it takes, framing included.</summary>
/// <param name="Offset">The record's start (its length field), in bytes from the start of the file.</param>
/// <param name="Size">The framed size: the record's length + 16.</param>
public readonly record struct TfRecordIndexEntry(long Offset, long Size)
{
    /// <summary>The length of the record's data: <see cref="Size"/> - 16.</summary>
    public long PayloadLength => Size - TfRecordFraming.Overhead;
}
