namespace SchemaGen.Records;

/// <summary>Tells plain, GZIP and ZLIB TFRecord streams apart from their first 12 bytes.</summary>
internal static class CompressionDetector
{
    /// <summary>The bytes <see cref="Detect"/> wants: one record header.</summary>
    public const int ProbeLength = TfRecordFraming.HeaderLength;

    /// <summary>
    /// A valid record header wins: a length whose low bytes happen to read as a magic number must not be taken for
    /// compression. Otherwise the GZIP magic, then a ZLIB header (deflate, window up to 32 KiB, no preset
    /// dictionary, check bits right); anything else is treated as plain and fails in the framing, as TensorFlow does.
    /// </summary>
    public static TfRecordCompression Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length >= TfRecordFraming.HeaderLength && TfRecordFraming.TryReadLength(head, out _))
        {
            return TfRecordCompression.None;
        }

        if (head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B)
        {
            return TfRecordCompression.Gzip;
        }

        if (head.Length >= 2 && IsZlibHeader(head[0], head[1]))
        {
            return TfRecordCompression.Zlib;
        }

        return TfRecordCompression.None;
    }

    private static bool IsZlibHeader(byte cmf, byte flg) =>
        (cmf & 0x0F) == 8 && (cmf >> 4) <= 7 && (flg & 0x20) == 0 && ((cmf << 8) | flg) % 31 == 0;
}
