namespace SchemaGen.Conversion.Output;

/// <summary>Writes one TFRecord shard (and its index) under temporary names, renaming both into place at the end.</summary>
internal static class ShardWriter
{
    public static long Write(string path, TfRecordCompression compression, bool writeIndex, Action<TfRecordWriter> writeRecords)
    {
        string temp = AtomicFile.TempPath(path);
        string index = TfRecordIndex.PathFor(path);
        string indexTemp = AtomicFile.TempPath(index);
        try
        {
            FileStream? indexStream = writeIndex ? new FileStream(indexTemp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16) : null;
            try
            {
                var options = new TfRecordWriterOptions { Compression = compression, WriteIndex = writeIndex, IndexStream = indexStream };
                var data = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, compression == TfRecordCompression.None ? 1 : 1 << 16);
                using (var writer = new TfRecordWriter(data, options))
                {
                    writeRecords(writer);
                }
            }
            finally
            {
                indexStream?.Dispose();
            }

            long length = new FileInfo(temp).Length;
            if (writeIndex)
            {
                File.Move(indexTemp, index, overwrite: true);
            }

            // The shard last: once it has its final name, everything that belongs with it is in place.
            File.Move(temp, path, overwrite: true);
            return length;
        }
        catch
        {
            AtomicFile.TryDelete(temp);
            AtomicFile.TryDelete(indexTemp);
            throw;
        }
    }
}
