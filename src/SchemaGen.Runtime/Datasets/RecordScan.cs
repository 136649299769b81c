namespace SchemaGen.Datasets;

/// <summary>What a file gives when it has no index: its records' offsets or count, by reading it once.</summary>
internal static class RecordScan
{
    public static long[] Offsets(TfRecordReader reader, string name)
    {
        if (reader.Compression != TfRecordCompression.None)
        {
            throw new NotSupportedException(
                $"{name} is {reader.Compression}-compressed: compressed data has no byte offsets, so its records cannot be read by number (global shuffle). Write it uncompressed, or shuffle with a buffer.");
        }

        var offsets = new List<long>();
        while (reader.TryReadNext(out _))
        {
            offsets.Add(reader.RecordOffset);
        }

        return [.. offsets];
    }

    public static long Count(TfRecordReader reader)
    {
        long count = 0;
        while (reader.TryReadNext(out _))
        {
            count++;
        }

        return count;
    }
}
