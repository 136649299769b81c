namespace SchemaGen;

/// <summary>Parses a raw batch into a typed one, row by row in record order, whichever thread runs it.</summary>
internal static class BatchParser
{
    public static void Parse<TBatch>(RawBatch raw, TBatch batch, DatasetFile[] files)
        where TBatch : ITfExampleBatch<TBatch>
    {
        batch.Clear();
        var records = raw.Records;
        for (int row = 0; row < raw.Count; row++)
        {
            if (!batch.TryParseInto(records[row].Data, row, out var error))
            {
                ThrowParseError(error, files[records[row].FileIndex], records[row].Offset);
            }
        }
    }

    private static void ThrowParseError(ExampleParseError error, DatasetFile file, long offset) =>
        throw new DatasetParseException(
            error, file is InMemoryDatasetFile ? null : file.Name, offset, file.Locate(offset));
}
