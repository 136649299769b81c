using System.IO.Compression;

namespace SchemaGen.Records;

/// <summary>The .NET streams behind <see cref="TfRecordCompression"/>.</summary>
internal static class CompressionStreams
{
    public static Stream Decompress(Stream compressed, TfRecordCompression compression, bool leaveOpen) => compression switch
    {
        TfRecordCompression.Gzip => new GZipStream(compressed, CompressionMode.Decompress, leaveOpen),
        TfRecordCompression.Zlib => new ZLibStream(compressed, CompressionMode.Decompress, leaveOpen),
        _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, null),
    };

    public static Stream Compress(Stream output, TfRecordCompression compression, CompressionLevel level, bool leaveOpen) => compression switch
    {
        TfRecordCompression.Gzip => new GZipStream(output, level, leaveOpen),
        TfRecordCompression.Zlib => new ZLibStream(output, level, leaveOpen),
        _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, null),
    };

    public static string Name(TfRecordCompression compression) => compression switch
    {
        TfRecordCompression.Gzip => "GZIP",
        TfRecordCompression.Zlib => "ZLIB",
        _ => "uncompressed",
    };
}
