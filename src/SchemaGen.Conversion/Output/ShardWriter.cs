using SchemaGen.Records;

namespace SchemaGen.Conversion.Output;

/// <summary>Writes one TFRecord shard (and its index) as staged files of the output.</summary>
internal static class ShardWriter
{
    /// <summary>Writes the shard <paramref name="fileName"/>; returns its length in bytes.</summary>
    public static long Write(StagedOutput output, string fileName, TfRecordCompression compression, bool writeIndex, Action<TfRecordWriter> writeRecords)
    {
        // The index is staged first, so it is in place before the shard it belongs to.
        string? indexTemp = writeIndex ? output.Stage(TfRecordIndex.PathFor(fileName)) : null;
        string temp = output.Stage(fileName);
        FileStream? indexStream = indexTemp is null ? null : new FileStream(indexTemp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        try
        {
            var options = new TfRecordWriterOptions { Compression = compression, WriteIndex = writeIndex, IndexStream = indexStream };
            var data = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, compression == TfRecordCompression.None ? 1 : 1 << 16);
            using (var writer = new TfRecordWriter(data, options))
            {
                writeRecords(writer);
            }
        }
        finally
        {
            indexStream?.Dispose();
        }

        return new FileInfo(temp).Length;
    }
}
