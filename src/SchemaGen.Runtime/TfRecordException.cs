using System.Globalization;
using SchemaGen.Records;

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
        Detail = detail;
    }

    private TfRecordException(string? filePath, string detail)
        : this(TfRecordDamageKind.Corrupted, 0, filePath, detail)
    {
        IsNotTfRecord = true;
    }

    /// <summary>What is wrong.</summary>
    public TfRecordDamageKind Kind { get; }

    /// <summary>
    /// For a record whose framing is sound but whose content a dataset stage rejected (an image that does not decode):
    /// the feature that holds the bad data. Null for damage to the file itself.
    /// </summary>
    public string? FeatureKey { get; private init; }

    /// <summary>What was expected and found (the end of the message); null when the damage came without one.</summary>
    public string? Detail { get; }

    /// <summary>
    /// Whether the very first header fails: its length does not match its checksum, so the input is not TFRecord data
    /// at all (say an image, a text file or a <c>.idx</c> index), or its first 12 bytes are damaged. <see cref="Kind"/>
    /// is then <see cref="TfRecordDamageKind.Corrupted"/> at offset 0, as TensorFlow reports it, and
    /// <see cref="Detail"/> says <c>not a TFRecord file: first record length 0x… fails its CRC</c>.
    /// </summary>
    public bool IsNotTfRecord { get; }

    /// <summary>A dataset stage rejected the content of the record at <paramref name="recordStart"/> (see <see cref="FeatureKey"/>).</summary>
    internal static TfRecordException Rejected(long recordStart, string? filePath, string featureKey, string detail, Exception? innerException) =>
        new(TfRecordDamageKind.Corrupted, recordStart, filePath, detail, innerException) { FeatureKey = featureKey };

    internal static TfRecordException DataMismatch(long recordStart, int length, string? filePath) =>
        new(TfRecordDamageKind.Corrupted, recordStart + TfRecordFraming.HeaderLength, filePath,
            string.Create(CultureInfo.InvariantCulture, $"the data of the {length}-byte record at {recordStart} does not match its checksum"));

    /// <summary>The first header's length fails its checksum: the 8 bytes read as a length are shown in hex.</summary>
    internal static TfRecordException NotTfRecord(ulong firstLength, string? filePath, TfRecordCompression compression)
    {
        string decompressed = compression == TfRecordCompression.None ? "" : $" (after {CompressionStreams.Name(compression)} decompression)";
        return new(filePath, string.Create(CultureInfo.InvariantCulture, $"not a TFRecord file: first record length 0x{firstLength:x16}{decompressed} fails its CRC"));
    }

    /// <summary>
    /// TensorFlow's offset: the record's start for a truncation, a bad length checksum or a record over the limit;
    /// the record's start + 12 (its data) for a bad data checksum; the record's start for content a dataset stage
    /// rejected (<see cref="FeatureKey"/>; for an in-memory dataset, the record's index).
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
