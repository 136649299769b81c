using Google.Protobuf;
using SchemaGen.Protos;

namespace SchemaGen.Cli.Tests.Infrastructure;

internal static class RecordPayloadReader
{
    /// <summary>Every record payload of a TFRecord file (compression detected).</summary>
    public static List<byte[]> Read(string path, int limit = int.MaxValue)
    {
        var records = new List<byte[]>();
        using var reader = new TfRecordReader(path);
        while (records.Count < limit && reader.TryReadNext(out var record))
        {
            records.Add(record.ToArray());
        }

        return records;
    }

    /// <summary>
    /// Protobuf's deterministic encoding of a record: its map entries re-inserted in key order (Google.Protobuf's
    /// MapField keeps insertion order) and serialized. MANIFEST.md checked that this is exactly what sorting the
    /// interop records' map entries gives.
    /// </summary>
    public static byte[] SortedEncoding(byte[] payload, bool sequence)
    {
        if (!sequence)
        {
            var example = Example.Parser.ParseFrom(payload);
            return new Example { Features = Sorted(example.Features) }.ToByteArray();
        }

        var sequenceExample = SequenceExample.Parser.ParseFrom(payload);
        var lists = new FeatureLists();
        foreach (var entry in sequenceExample.FeatureLists.FeatureList.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            lists.FeatureList.Add(entry.Key, entry.Value);
        }

        return new SequenceExample { Context = Sorted(sequenceExample.Context), FeatureLists = lists }.ToByteArray();
    }

    private static Features Sorted(Features features)
    {
        var sorted = new Features();
        foreach (var entry in features.Feature.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            sorted.Feature.Add(entry.Key, entry.Value);
        }

        return sorted;
    }
}
