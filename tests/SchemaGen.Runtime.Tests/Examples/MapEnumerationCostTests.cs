using SchemaGen.Examples;
using SchemaGen.Protos;
using static SchemaGen.Runtime.Tests.Examples.Wire;

namespace SchemaGen.Runtime.Tests.Examples;

/// <summary>
/// Enumerating a map with repeated keys does work linear in its entries (counted in key comparisons, not timed),
/// whatever the order of the keys, and gives what Google.Protobuf reads.
/// </summary>
public sealed class MapEnumerationCostTests
{
    // The fuzzer's shape: 64,000 distinct keys in descending order, then the first key again (9.5 s when quadratic).
    private const int Entries = 64_000;

    [Fact]
    public void Descending_keys_then_the_first_again_take_a_linear_number_of_comparisons()
    {
        byte[] bytes = DescendingThenFirstAgain(Entries, (key, value) => Entry(key, Int64Feature(value)));

        var entries = new DistinctMapEntries(bytes, WireFormat.Field1Delimited);
        int kept = 0;
        while (entries.MoveNext())
        {
            kept++;
        }

        Assert.Equal(Entries, kept);
        Assert.InRange(entries.KeyComparisons, 1, 2 * Entries);
    }

    [Fact]
    public void Descending_keys_then_the_first_again_read_as_Google_Protobuf_reads_them()
    {
        byte[] bytes = DescendingThenFirstAgain(Entries, (key, value) => Entry(key, Int64Feature(value)));
        var expected = Example.Parser.ParseFrom(bytes);

        var read = Enumerated(bytes);

        Assert.Equal(Entries, read.Features.Feature.Count);
        Assert.Equal(expected, read);
        // The repeated key holds its last value, and enumeration lists it where that last entry stands.
        Assert.Equal(Entries, read.Features.Feature[KeyOf(Entries - 1)].Int64List.Value[0]);
        string last = "";
        foreach (FeatureReader feature in new ExampleReader(bytes))
        {
            last = feature.GetKeyString();
        }

        Assert.Equal(KeyOf(Entries - 1), last);
    }

    [Fact]
    public void Every_key_repeated_many_times_is_linear_too()
    {
        // 1,000 distinct keys, each 64 times, interleaved: large groups of equal hashes.
        var parts = new List<byte[]>();
        for (int round = 0; round < 64; round++)
        {
            for (int key = 999; key >= 0; key--)
            {
                parts.Add(Entry(KeyOf(key), Int64Feature(round)));
            }
        }

        byte[] bytes = ExampleBytes([.. parts]);
        var entries = new DistinctMapEntries(bytes, WireFormat.Field1Delimited);
        int kept = 0;
        while (entries.MoveNext())
        {
            kept++;
        }

        Assert.Equal(1000, kept);
        Assert.InRange(entries.KeyComparisons, 1, 2 * parts.Count);
        Assert.Equal(Example.Parser.ParseFrom(bytes), Enumerated(bytes));
    }

    [Fact]
    public void Sequence_example_feature_lists_with_a_repeated_key_take_a_linear_number_of_comparisons()
    {
        byte[] lists = DescendingThenFirstAgain(Entries, (key, value) => Entry(key, Delimited(1, Int64Feature(value))));
        // The feature lists are field 2 of a SequenceExample: the same entries under another field.
        byte[] bytes = [.. Tag(2, 2), .. Varint((ulong)(lists.Length - LengthPrefix(lists))), .. lists.AsSpan(LengthPrefix(lists))];

        var entries = new DistinctMapEntries(bytes, WireFormat.Field2Delimited);
        int kept = 0;
        while (entries.MoveNext())
        {
            kept++;
        }

        Assert.Equal(Entries, kept);
        Assert.InRange(entries.KeyComparisons, 1, 2 * Entries);
        var expected = SequenceExample.Parser.ParseFrom(bytes).FeatureLists;
        var read = new FeatureLists();
        foreach (FeatureListReader list in new SequenceExampleReader(bytes).FeatureLists)
        {
            var steps = new FeatureList();
            foreach (FeatureReader step in list)
            {
                steps.Feature.Add(ExampleCodec.ToProto(step));
            }

            read.FeatureList.Add(list.GetKeyString(), steps); // throws if enumeration repeats a key
        }

        Assert.Equal(expected, read);
    }

    // Enumeration only: a lookup per key (as ExampleCodec.Read checks) would be n lookups of n entries each.
    private static Example Enumerated(byte[] bytes)
    {
        var example = new Example { Features = new Features() };
        foreach (FeatureReader feature in new ExampleReader(bytes))
        {
            example.Features.Feature.Add(feature.GetKeyString(), ExampleCodec.ToProto(feature)); // throws if a key repeats
        }

        return example;
    }

    private static string KeyOf(int entry) => $"k{entry:D6}";

    /// <summary>An Example (field 1) whose map holds entries n-1 … 0 (value i under key i), then key n-1 again with value n.</summary>
    private static byte[] DescendingThenFirstAgain(int n, Func<string, long, byte[]> entry)
    {
        var parts = new List<byte[]>(n + 1);
        for (int i = n - 1; i >= 0; i--)
        {
            parts.Add(entry(KeyOf(i), i));
        }

        parts.Add(entry(KeyOf(n - 1), n));
        return ExampleBytes([.. parts]);
    }

    private static int LengthPrefix(byte[] message)
    {
        int position = 1;
        while (message[position] >= 0x80)
        {
            position++;
        }

        return position + 1;
    }
}
