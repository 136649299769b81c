namespace SchemaGen.Records;

/// <summary>
/// A file's compression told by its name, as Hadoop's codecs name what they write (Spark's <c>codec</c> option):
/// <c>.gz</c> (GzipCodec) is GZIP, <c>.deflate</c> (DefaultCodec, a zlib stream) is ZLIB; the codecs TensorFlow cannot
/// read (bzip2, Snappy, LZ4, Zstandard, LZO, Brotli) are refused by name rather than read as damaged records.
/// </summary>
internal static class CompressionByExtension
{
    private static readonly (string Extension, string Codec)[] Unreadable =
    [
        (".bz2", "BZip2Codec"),
        (".snappy", "SnappyCodec"),
        (".lz4", "Lz4Codec"),
        (".zst", "ZStandardCodec"),
        (".lzo", "LzoCodec"),
        (".lzo_deflate", "LzoCodec"),
        (".br", "BrotliCodec"),
    ];

    /// <summary>The compression <paramref name="pathOrKey"/>'s extension names, or null when it names none.</summary>
    /// <exception cref="InvalidDataException">The extension is a Hadoop codec's that TensorFlow cannot read.</exception>
    public static TfRecordCompression? Infer(string pathOrKey)
    {
        if (pathOrKey.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return TfRecordCompression.Gzip;
        }

        if (pathOrKey.EndsWith(".deflate", StringComparison.OrdinalIgnoreCase) || pathOrKey.EndsWith(".zlib", StringComparison.OrdinalIgnoreCase))
        {
            return TfRecordCompression.Zlib;
        }

        foreach (var (extension, codec) in Unreadable)
        {
            if (pathOrKey.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException(
                    $"{pathOrKey}: compressed with Hadoop's {codec} ({extension}), which TensorFlow's TFRecord readers cannot read; write it with org.apache.hadoop.io.compress.GzipCodec (.gz) or DefaultCodec (.deflate), or give the compression explicitly if the name misleads.");
            }
        }

        return null;
    }

    /// <summary>
    /// <paramref name="options"/> with the compression <paramref name="pathOrKey"/>'s name implies, when the options
    /// leave it to detection; an explicit compression wins.
    /// </summary>
    public static TfRecordReaderOptions Apply(TfRecordReaderOptions options, string pathOrKey) =>
        options.Compression is null && Infer(pathOrKey) is { } compression
            ? new TfRecordReaderOptions
            {
                Compression = compression,
                MaxRecordLength = options.MaxRecordLength,
                Policy = options.Policy,
                VerifyChecksums = options.VerifyChecksums,
                BufferSize = options.BufferSize,
            }
            : options;
}
