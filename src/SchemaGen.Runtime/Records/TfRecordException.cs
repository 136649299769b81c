using System.Globalization;

namespace SchemaGen;

/// <summary>
/// A TFRecord file is damaged. The message starts with TensorFlow's own wording (<c>truncated record at N</c>,
/// <c>corrupted record at N</c>), followed by the file and what was found.
/// </summary>
public sealed class TfRecordException : IOException
{
    /// <summary>Creates an exception for damage of <paramref name="kind"/> at <paramref name="offset"/>.</summary>
    /// <param name="kind">What is wrong.</param>
    /// <param name="offset">Where, in bytes from the start of the (uncompressed) TFRecord stream.</param>
    /// <param name="filePath">The file path or display name, if known.</param>
    /// <param name="detail">What was expected and found, appended to the message.</param>
    /// <param name="innerException">The cause, for example a decompressor's error.</param>
    public TfRecordException(
        TfRecordDamageKind kind, long offset, string? filePath, string? detail = null, Exception? innerException = null)
        : base(FormatMessage(kind, offset, filePath, detail), innerException)
    {
        Kind = kind;
        Offset = offset;
        FilePath = filePath;
    }

    /// <summary>What is wrong.</summary>
    public TfRecordDamageKind Kind { get; }

    internal static TfRecordException DataMismatch(long recordStart, int length, string? filePath) =>
        new(TfRecordDamageKind.Corrupted, recordStart + TfRecordFraming.HeaderLength, filePath,
            string.Create(CultureInfo.InvariantCulture, $"the data of the {length}-byte record at {recordStart} does not match its checksum"));

    /// <summary>
    /// TensorFlow's offset: the record's start for a truncation, a bad length checksum or a record over the limit;
    /// the record's start + 12 (its data) for a bad data checksum.
    /// </summary>
    public long Offset { get; }

    /// <summary>The file path or the display name the reader was given; null when it had none.</summary>
    public string? FilePath { get; }

    private static string FormatMessage(TfRecordDamageKind kind, long offset, string? filePath, string? detail)
    {
        string what = kind switch
        {
            TfRecordDamageKind.Truncated => "truncated record",
            TfRecordDamageKind.Corrupted => "corrupted record",
            _ => "record too long",
        };

        var message = string.Create(CultureInfo.InvariantCulture, $"{what} at {offset}");
        if (filePath is not null)
        {
            message += $" in {filePath}";
        }

        return detail is null ? message : $"{message}: {detail}";
    }
}
