using SchemaGen.Records;

namespace SchemaGen;

/// <summary>How a <see cref="TfRecordReader"/> reads. The reader copies the values when it is created.</summary>
public sealed class TfRecordReaderOptions
{
    /// <summary>
    /// The compression, or null (the default) to detect it: a file or object whose name ends in <c>.gz</c> is GZIP and
    /// one ending in <c>.deflate</c> or <c>.zlib</c> ZLIB (as Hadoop's codecs name them); otherwise a valid record header
    /// means plain, then the GZIP magic <c>1f 8b</c>, then a ZLIB header. A name ending in the extension of a codec
    /// TensorFlow cannot read (<c>.snappy</c>, <c>.bz2</c>, <c>.lz4</c>, <c>.zst</c>) fails with
    /// <see cref="InvalidDataException"/> unless a compression is given here.
    /// </summary>
    public TfRecordCompression? Compression { get; set; }

    /// <summary>
    /// The longest record accepted, in bytes (default and upper bound: <see cref="Array.MaxLength"/> - 16). A longer
    /// length field fails with <see cref="TfRecordDamageKind.TooLong"/> before anything is allocated for it.
    /// </summary>
    public long MaxRecordLength { get; set; } = TfRecordFraming.MaxPayloadLength;

    /// <summary>What to do with damage; <see cref="DamagePolicy.Throw"/> by default.</summary>
    public DamagePolicy Policy { get; set; } = DamagePolicy.Throw;

    /// <summary>
    /// Whether to verify each record's data checksum (default true). The length checksum is always verified: without
    /// it a damaged length would lose the framing of the rest of the file.
    /// </summary>
    public bool VerifyChecksums { get; set; } = true;

    /// <summary>
    /// The size of the read buffer, in bytes (default 1 MiB, at least 4 KiB). Records are handed out from it; one
    /// larger than the buffer grows it.
    /// </summary>
    public int BufferSize { get; set; } = 1 << 20;
}
