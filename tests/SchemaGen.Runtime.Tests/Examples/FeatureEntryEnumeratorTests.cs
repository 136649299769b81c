using System.Text;
using CsCheck;
using Google.Protobuf;
using SchemaGen.Examples;
using static SchemaGen.Runtime.Tests.Examples.Wire;

namespace SchemaGen.Runtime.Tests.Examples;

/// <summary>The raw walk over map entries that generated parsers are built on.</summary>
public class FeatureEntryEnumeratorTests
{
    private static List<(string Key, FeatureEntry Entry)> Walk(FeatureEntryEnumerator entries)
    {
        var walked = new List<(string, FeatureEntry)>();
        while (entries.MoveNext())
        {
            walked.Add((Encoding.UTF8.GetString(entries.CurrentKey), entries.Current));
        }

        return walked;
    }

    [Fact]
    public void Walks_every_entry_in_wire_order_with_duplicates_and_utf8_keys()
    {
        byte[] record = ExampleBytes(
            Entry("label", Int64Feature(1)),
            Entry("名前", BytesFeature("x")),
            Entry("label", Int64Feature(2)),
            Entry("", FloatFeature(3f)));
        var reader = new ExampleReader(record);

        List<(string Key, FeatureEntry Entry)> walked = Walk(reader.EnumerateEntries());

        Assert.Equal(["label", "名前", "label", ""], walked.Select(e => e.Key));
        Assert.All(walked, e => Assert.True(e.Entry.Found));
        var labels = new List<long>();
        foreach ((string key, FeatureEntry entry) in walked.Where(e => e.Key == "label"))
        {
            Assert.True(reader.Features.TryGetFeature(entry, out FeatureReader feature));
            labels.Add(feature.ToInt64Array().Single());
        }

        Assert.Equal([1L, 2], labels);
    }

    [Fact]
    public void Foreach_sees_the_same_entries_as_MoveNext()
    {
        byte[] record = ExampleBytes(Entry("b", Int64Feature(1)), Entry("a", Int64Feature(2)));
        var reader = new ExampleReader(record);
        var keys = new List<string>();
        foreach (FeatureEntry entry in reader.EnumerateEntries())
        {
            Assert.True(reader.Features.TryGetFeature(entry, out FeatureReader feature));
            keys.Add(feature.GetKeyString());
        }

        Assert.Equal(["b", "a"], keys);
    }

    [Fact]
    public void Keeping_the_last_entry_per_key_reads_what_Google_Protobuf_parses() =>
        Gen.Select(ExampleGenerators.Example, ExampleGenerators.Example).Sample((first, second) =>
        {
            // Concatenated messages merge, so keys of the second repeat keys of the first: the later entry wins.
            byte[] record = [.. first.ToByteArray(), .. second.ToByteArray()];
            SchemaGen.Protos.Example oracle = SchemaGen.Protos.Example.Parser.ParseFrom(record);
            var reader = new ExampleReader(record);

            var last = new Dictionary<string, FeatureEntry>();
            foreach ((string key, FeatureEntry entry) in Walk(reader.EnumerateEntries()))
            {
                last[key] = entry;
            }

            Assert.Equal(oracle.Features.Feature.Keys.Order(StringComparer.Ordinal), last.Keys.Order(StringComparer.Ordinal));
            foreach ((string key, FeatureEntry entry) in last)
            {
                SchemaGen.Protos.Feature expected = oracle.Features.Feature[key];
                bool hasKind = reader.Features.TryGetFeature(entry, out FeatureReader feature);
                Assert.Equal(expected.KindCase != SchemaGen.Protos.Feature.KindOneofCase.None, hasKind);
                Assert.Equal(expected, ExampleCodec.ToProto(feature));
            }
        }, iter: 200);

    [Fact]
    public void Entries_with_the_value_first_no_key_or_unknown_fields_are_walked_as_protobuf_reads_them()
    {
        byte[] record = Concat(
            VarintField(7, 1), // an unknown field of Example
            ExampleBytes(
                Delimited(1, Value(Int64Feature(5)), Key("value_first")),
                Delimited(1, Value(Int64Feature(6))),
                Delimited(1, Key("extra"), VarintField(3, 9), Value(Int64Feature(7)))));
        var oracle = SchemaGen.Protos.Example.Parser.ParseFrom(record);
        var reader = new ExampleReader(record);

        List<(string Key, FeatureEntry Entry)> walked = Walk(reader.EnumerateEntries());

        Assert.Equal(["value_first", "", "extra"], walked.Select(e => e.Key));
        foreach ((string key, FeatureEntry entry) in walked)
        {
            Assert.True(reader.Features.TryGetFeature(entry, out FeatureReader feature));
            Assert.Equal(oracle.Features.Feature[key].Int64List.Value, feature.ToInt64Array());
        }
    }

    [Fact]
    public void A_features_field_given_several_times_is_walked_through()
    {
        byte[] record = Concat(ExampleBytes(Entry("a", Int64Feature(1))), VarintField(9, 5), ExampleBytes(Entry("b", Int64Feature(2)), Entry("a", Int64Feature(3))));
        Assert.Equal(["a", "b", "a"], Walk(new ExampleReader(record).EnumerateEntries()).Select(e => e.Key));
    }

    [Fact]
    public void Walking_decodes_no_value_so_a_malformed_feature_fails_only_when_read()
    {
        byte[] garbage = [0x1A, 0x05, 0x0A, 0x7F]; // int64_list whose length runs past the feature
        byte[] record = ExampleBytes(Entry("broken", garbage), Entry("ok", Int64Feature(1)));
        var reader = new ExampleReader(record);

        List<(string Key, FeatureEntry Entry)> walked = Walk(reader.EnumerateEntries());

        Assert.Equal(["broken", "ok"], walked.Select(e => e.Key));
        FeatureEntry broken = walked[0].Entry;
        Assert.ThrowsAny<ExampleFormatException>(() => new ExampleReader(record).Features.TryGetFeature(broken, out _));
        Assert.True(reader.Features.TryGetFeature(walked[1].Entry, out FeatureReader ok));
        Assert.Equal([1L], ok.ToInt64Array());
    }

    [Fact]
    public void A_truncated_map_fails_while_walking()
    {
        byte[] record = ExampleBytes(Entry("label", Int64Feature(1)), Entry("image", BytesFeature("pixels")))[..^4];
        var exception = Assert.ThrowsAny<ExampleFormatException>(() => Walk(new ExampleReader(record).EnumerateEntries()));
        Assert.NotEmpty(exception.Message);
    }

    [Fact]
    public void An_empty_message_has_no_entries_and_the_default_entry_is_not_found()
    {
        Assert.Empty(Walk(new ExampleReader([]).EnumerateEntries()));
        Assert.Empty(Walk(new SequenceExampleReader([]).FeatureLists.EnumerateEntries()));

        FeatureEntry missing = default;
        Assert.False(missing.Found);
        Assert.False(new ExampleReader([]).Features.TryGetFeature(missing, out _));
        Assert.Throws<ArgumentException>(() => new SequenceExampleReader([]).FeatureLists.GetFeatureList(missing));
    }

    [Fact]
    public void Context_and_feature_lists_of_a_SequenceExample_are_walked_separately()
    {
        var sequence = new SchemaGen.Protos.SequenceExample
        {
            Context = new SchemaGen.Protos.Features { Feature = { ["length"] = Int64(3) } },
            FeatureLists = new SchemaGen.Protos.FeatureLists
            {
                FeatureList =
                {
                    ["tokens"] = new SchemaGen.Protos.FeatureList { Feature = { Int64(1), Int64(2), Int64(3) } },
                    ["length"] = new SchemaGen.Protos.FeatureList(),
                },
            },
        };
        byte[] record = sequence.ToByteArray();
        var reader = new SequenceExampleReader(record);

        List<(string Key, FeatureEntry Entry)> context = Walk(reader.Context.EnumerateEntries());
        List<(string Key, FeatureEntry Entry)> lists = Walk(reader.FeatureLists.EnumerateEntries());

        Assert.Equal(["length"], context.Select(e => e.Key));
        Assert.Equal(["length", "tokens"], lists.Select(e => e.Key).Order(StringComparer.Ordinal));
        FeatureListReader tokens = reader.FeatureLists.GetFeatureList(lists.Single(e => e.Key == "tokens").Entry);
        Assert.Equal("tokens", tokens.GetKeyString());
        Assert.Equal(3, tokens.Count);
        var steps = new List<long>();
        foreach (FeatureReader step in tokens)
        {
            steps.Add(step.ToInt64Array().Single());
        }

        Assert.Equal([1L, 2, 3], steps);
        Assert.Equal(0, reader.FeatureLists.GetFeatureList(lists.Single(e => e.Key == "length").Entry).Count);
    }

    private static SchemaGen.Protos.Feature Int64(long value) => new() { Int64List = new SchemaGen.Protos.Int64List { Value = { value } } };
}
