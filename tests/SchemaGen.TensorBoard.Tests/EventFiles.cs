namespace SchemaGen.TensorBoard.Tests;

/// <summary>Reads an event file, also while its writer still has it open, into TensorBoard's own messages.</summary>
internal static class EventFiles
{
    public static List<byte[]> Records(string path)
    {
        byte[] bytes;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            bytes = new byte[file.Length];
            file.ReadExactly(bytes);
        }

        var records = new List<byte[]>();
        using var reader = new TfRecordReader(new MemoryStream(bytes));
        while (reader.TryReadNext(out var record))
        {
            records.Add(record.ToArray());
        }

        return records;
    }

    public static List<Event> Read(string path) => Records(path).Select(r => Event.Parser.ParseFrom(r)).ToList();

    public static string Single(string logDir) => Assert.Single(Directory.GetFiles(logDir));
}
