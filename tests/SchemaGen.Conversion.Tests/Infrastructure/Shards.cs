using SchemaGen.Protos;

namespace SchemaGen.Conversion.Tests.Infrastructure;

/// <summary>Reads what the converter wrote, through Google.Protobuf's own Example parser (an oracle independent of the writer).</summary>
internal static class Shards
{
    public static List<Example> Read(string directory, string split, TfRecordCompression compression = TfRecordCompression.None)
    {
        var examples = new List<Example>();
        foreach (string file in Files(directory, split))
        {
            using var reader = new TfRecordReader(file);
            foreach (byte[] record in reader.ReadAll())
            {
                examples.Add(Example.Parser.ParseFrom(record));
            }
        }

        return examples;
    }

    public static string[] Files(string directory, string split) =>
        Directory.GetFiles(directory, split + ".tfrecord-*").Where(f => !f.EndsWith(".idx", StringComparison.Ordinal) && !f.EndsWith(".tmp", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToArray();

    public static byte[] Image(this Example example) => example.Features.Feature["image"].BytesList.Value[0].ToByteArray();

    public static long Int64(this Example example, string key) => example.Features.Feature[key].Int64List.Value.Single();

    public static string Text(this Example example, string key) => example.Features.Feature[key].BytesList.Value.Single().ToStringUtf8();

    /// <summary>Every file in the folder with its bytes, by name.</summary>
    public static SortedDictionary<string, byte[]> Snapshot(string directory) =>
        new(Directory.GetFiles(directory).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes), StringComparer.Ordinal);
}
