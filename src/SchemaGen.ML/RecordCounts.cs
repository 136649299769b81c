using SchemaGen.Records;

namespace SchemaGen.ML;

/// <summary>What a view learns about its files without parsing them: how many records, whether any is compressed.</summary>
internal static class RecordCounts
{
    /// <summary>The records of all files: from each file's <c>.idx</c> sidecar when it has one, else by reading its frames once.</summary>
    public static long Count(IReadOnlyList<string> files, TfRecordReaderOptions? options)
    {
        long total = 0;
        foreach (string file in files)
        {
            string index = TfRecordIndex.PathFor(file);
            if (File.Exists(index))
            {
                total += TfRecordIndex.Read(index).Count;
                continue;
            }

            using var reader = new TfRecordReader(file, options);
            while (reader.TryReadNext(out _))
            {
                total++;
            }
        }

        return total;
    }

    /// <summary>Whether any file is compressed (as the reader detects it, or as the options say).</summary>
    public static bool AnyCompressed(IReadOnlyList<string> files, TfRecordReaderOptions? options)
    {
        foreach (string file in files)
        {
            using var reader = new TfRecordReader(file, options);
            if (reader.Compression != TfRecordCompression.None)
            {
                return true;
            }
        }

        return false;
    }
}
