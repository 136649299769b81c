using SchemaGen.Examples;

using static SchemaGen.Runtime.Tests.Examples.Wire;
using Proto = SchemaGen.Protos;

namespace SchemaGen.Runtime.Tests.Examples;

/// <summary>
/// Encodings other writers may produce, built by hand. Each is read by our reader and by Google.Protobuf (the
/// oracle), and the expected values are stated independently.
/// </summary>
public class ExampleWireCompatibilityTests
{
    [Fact]
    public void Unpacked_int64_and_float_lists_are_read()
    {
        byte[] bytes = ExampleBytes(
            Entry("f", Delimited(2, UnpackedFloats(1.5f, -2f))),
            Entry("i", Delimited(3, UnpackedInt64s(1, -2, 300))));

        var reader = new ExampleReader(bytes);
        Assert.True(reader.TryGetFeature("i", out FeatureReader ints));
        Assert.Equal([1L, -2, 300], ints.ToInt64Array());
        Assert.True(reader.TryGetFeature("f", out FeatureReader floats));
        Assert.Equal([1.5f, -2f], floats.ToFloatArray());
        AssertMatchesGoogleProtobuf(bytes);
    }

    [Fact]
    public void Packed_and_unpacked_values_mix_in_one_list()
    {
        byte[] int64s = Concat(PackedInt64s(1, 2), UnpackedInt64s(3), PackedInt64s(4, 5), UnpackedInt64s(-6));
        byte[] floats = Concat(UnpackedFloats(0.5f), PackedFloats(1f, 2f), UnpackedFloats(3f));
        byte[] bytes = ExampleBytes(Entry("f", Delimited(2, floats)), Entry("i", Delimited(3, int64s)));

        var reader = new ExampleReader(bytes);
        Assert.True(reader.TryGetFeature("i", out FeatureReader ints));
        Assert.Equal(6, ints.Count);
        Assert.Equal([1L, 2, 3, 4, 5, -6], ints.ToInt64Array());
        var enumerated = new List<long>();
        foreach (long value in ints.EnumerateInt64s())
        {
            enumerated.Add(value);
        }

        Assert.Equal([1L, 2, 3, 4, 5, -6], enumerated);
        Assert.True(reader.TryGetFeature("f", out FeatureReader f));
        Assert.Equal([0.5f, 1f, 2f, 3f], f.ToFloatArray());
        AssertMatchesGoogleProtobuf(bytes);
    }

    [Fact]
    public void Map_entry_with_value_before_key_is_read()
    {
        byte[] bytes = ExampleBytes(Delimited(1, Value(Int64Feature(7)), Key("label")));

        Assert.True(new ExampleReader(bytes).TryGetFeature("label"u8, out FeatureReader label));
        Assert.Equal([7L], label.ToInt64Array());
        AssertMatchesGoogleProtobuf(bytes);
    }

    [Fact]
    public void Map_entry_without_key_has_the_empty_key_and_without_value_has_no_kind()
    {
        byte[] bytes = ExampleBytes(Delimited(1, Value(BytesFeature("x"))), Delimited(1, Key("novalue")));

        var reader = new ExampleReader(bytes);
        Assert.True(reader.TryGetFeature("", out FeatureReader empty));
        Assert.Equal(["x"u8.ToArray()], empty.ToBytesArray());
        Assert.False(reader.TryGetFeature("novalue", out _));
        var kinds = new Dictionary<string, FeatureKind>();
        foreach (FeatureReader feature in reader)
        {
            kinds.Add(feature.GetKeyString(), feature.Kind);
        }

        Assert.Equal(new Dictionary<string, FeatureKind> { [""] = FeatureKind.BytesList, ["novalue"] = FeatureKind.None }, kinds);
        AssertMatchesGoogleProtobuf(bytes);
    }

    [Fact]
    public void Repeated_key_and_value_fields_inside_one_entry_keep_the_last_of_each()
    {
        byte[] bytes = ExampleBytes(Delimited(1, Key("first"), Value(Int64Feature(1)), Key("second"), Value(Int64Feature(2))));

        var reader = new ExampleReader(bytes);
        Assert.False(reader.TryGetFeature("first", out _));
        Assert.True(reader.TryGetFeature("second", out FeatureReader second));
        Assert.Equal([2L], second.ToInt64Array());
        AssertMatchesGoogleProtobuf(bytes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_wide_map_in_hash_order_enumerates_each_key_once_with_its_last_value(bool withRepeats)
    {
        // 300 keys in a shuffled order (as TensorFlow's writer leaves a map), past the size where keys are hashed to
        // rule out repeats; with repeats, 5 keys come back later with new values.
        var random = new Random(withRepeats ? 2 : 1);
        var keys = Enumerable.Range(0, 300).OrderBy(_ => random.Next()).ToList();
        var entries = keys.Select(k => Entry($"column_{k}", Int64Feature(k))).ToList();
        if (withRepeats)
        {
            entries.AddRange(keys.Take(5).Select(k => Entry($"column_{k}", Int64Feature(-k))));
        }

        byte[] bytes = ExampleBytes([.. entries]);
        var seen = new List<(string Key, long Value)>();
        foreach (FeatureReader feature in new ExampleReader(bytes))
        {
            seen.Add((feature.GetKeyString(), feature.ToInt64Array().Single()));
        }

        // Each key once, where its last entry stands.
        var expected = keys.Skip(withRepeats ? 5 : 0).Select(k => ($"column_{k}", (long)k))
            .Concat(keys.Take(withRepeats ? 5 : 0).Select(k => ($"column_{k}", (long)-k)));
        Assert.Equal(expected, seen);
        AssertMatchesGoogleProtobuf(bytes);
    }

    [Fact]
    public void Duplicate_key_last_entry_wins_in_lookup_and_enumeration()
    {
        byte[] bytes = ExampleBytes(
            Entry("a", Int64Feature(1)),
            Entry("b", FloatFeature(2f)),
            Entry("a", BytesFeature("last")),
            Entry("c", Int64Feature(3)),
            Entry("c", []));

        var reader = new ExampleReader(bytes);
        Assert.True(reader.TryGetFeature("a", out FeatureReader a));
        Assert.Equal(FeatureKind.BytesList, a.Kind);
        Assert.Equal(["last"u8.ToArray()], a.ToBytesArray());
        Assert.False(reader.TryGetFeature("c", out _)); // its last entry has no kind

        var seen = new List<(string, FeatureKind)>();
        foreach (FeatureReader feature in reader)
        {
            seen.Add((feature.GetKeyString(), feature.Kind));
        }

        // Each key once, where its last entry stands.
        Assert.Equal([("b", FeatureKind.FloatList), ("a", FeatureKind.BytesList), ("c", FeatureKind.None)], seen);

        // The raw walk shows every entry; keeping the last per key gives the same answer.
        var entries = new List<(string, FeatureKind)>();
        var walk = reader.EnumerateEntries();
        while (walk.MoveNext())
        {
            reader.Features.TryGetFeature(walk.Current, out FeatureReader feature); // false for the no-kind entry, still read
            Assert.True(feature.Key.SequenceEqual(walk.CurrentKey));
            entries.Add((feature.GetKeyString(), feature.Kind));
        }

        Assert.Equal([("a", FeatureKind.Int64List), ("b", FeatureKind.FloatList), ("a", FeatureKind.BytesList), ("c", FeatureKind.Int64List), ("c", FeatureKind.None)], entries);
        AssertMatchesGoogleProtobuf(bytes);
    }

    [Fact]
    public void Features_field_given_several_times_merges_its_maps()
    {
        byte[] bytes = Concat(
            ExampleBytes(Entry("a", Int64Feature(1)), Entry("b", Int64Feature(2))),
            VarintField(9, 5),
            ExampleBytes(Entry("c", Int64Feature(3))),
            ExampleBytes(Entry("a", Int64Feature(10))));

        var reader = new ExampleReader(bytes);
        Assert.Equal([10L], Lookup(reader, "a").ToInt64Array());
        Assert.Equal([2L], Lookup(reader, "b").ToInt64Array());
        Assert.Equal([3L], Lookup(reader, "c").ToInt64Array());
        int count = 0;
        foreach (FeatureReader unused in reader)
        {
            count++;
        }

        Assert.Equal(3, count);
        AssertMatchesGoogleProtobuf(bytes);
    }

    [Fact]
    public void A_second_features_field_shaped_like_an_entry_is_merged_not_read_as_one()
    {
        // The second Features holds an entry "x" with no value and an unknown field 2. Its bytes also read as one map
        // entry (key field, value field), which a reader walking past the end of the first Features would take.
        byte[] bytes = Concat(
            ExampleBytes(Entry("a", Int64Feature(1))),
            ExampleBytes(Delimited(1, Key("x")), Delimited(2, Int64Feature(5))));

        var reader = new ExampleReader(bytes);
        Assert.Equal([1L], Lookup(reader, "a").ToInt64Array());
        Assert.False(reader.TryGetFeature("x", out FeatureReader x));
        Assert.Equal(FeatureKind.None, x.Kind);
        Assert.False(reader.TryGetFeature(Key("x"), out _)); // the key a misreading would give: the entry's first field
        Assert.Equal(2, CountEnumerated(bytes));
        AssertMatchesGoogleProtobuf(bytes);
    }

    [Fact]
    public void The_last_kind_of_the_oneof_wins_and_repeats_of_one_kind_concatenate()
    {
        byte[] switched = Concat(Int64Feature(1), FloatFeature(2f));
        byte[] switchedBack = Concat(Int64Feature(1, 2), FloatFeature(3f), Int64Feature(4));
        byte[] repeated = Concat(Int64Feature(1, 2), VarintField(7, 1), Int64Feature(3));
        byte[] bytes = ExampleBytes(Entry("back", switchedBack), Entry("repeated", repeated), Entry("switched", switched));

        var reader = new ExampleReader(bytes);
        FeatureReader s = Lookup(reader, "switched");
        Assert.Equal(FeatureKind.FloatList, s.Kind);
        Assert.Equal([2f], s.ToFloatArray());
        Assert.Equal([4L], Lookup(reader, "back").ToInt64Array());
        Assert.Equal([1L, 2, 3], Lookup(reader, "repeated").ToInt64Array());
        AssertMatchesGoogleProtobuf(bytes);
    }

    [Fact]
    public void Unknown_fields_of_every_wire_type_are_skipped_at_every_level()
    {
        byte[] unknown = Concat(VarintField(15, 300), Fixed64Field(16, ulong.MaxValue), Delimited(17, Utf8("junk")), Fixed32Field(18, 1));
        byte[] list = Concat(unknown, PackedInt64s(5), unknown);
        byte[] feature = Concat(unknown, Delimited(3, list), unknown);
        byte[] entry = Delimited(1, unknown, Key("k"), unknown, Value(feature), unknown);
        byte[] bytes = Concat(unknown, Delimited(1, unknown, entry, unknown), unknown);

        var reader = new ExampleReader(bytes);
        Assert.Equal([5L], Lookup(reader, "k").ToInt64Array());
        AssertMatchesGoogleProtobuf(bytes);
    }

    [Fact]
    public void Known_field_numbers_with_another_wire_type_are_skipped_like_unknown_fields()
    {
        // int64_list as a varint, a float value as a varint and an int64 value as fixed32: protobuf skips all three.
        byte[] feature = Concat(Delimited(2, VarintField(1, 9), UnpackedFloats(1f)), VarintField(3, 1));
        byte[] ints = Delimited(3, Fixed32Field(1, 5), UnpackedInt64s(6));
        byte[] bytes = ExampleBytes(Entry("f", feature), Entry("i", ints), VarintField(1, 3));

        var reader = new ExampleReader(bytes);
        Assert.Equal([1f], Lookup(reader, "f").ToFloatArray());
        Assert.Equal([6L], Lookup(reader, "i").ToInt64Array());
        AssertMatchesGoogleProtobuf(bytes);
    }

    [Fact]
    public void Feature_with_no_kind_counts_as_missing_and_reads_as_empty()
    {
        byte[] bytes = ExampleBytes(Entry("none", Concat(VarintField(9, 1))));

        var reader = new ExampleReader(bytes);
        Assert.False(reader.TryGetFeature("none", out _));
        foreach (FeatureReader feature in reader)
        {
            Assert.Equal(FeatureKind.None, feature.Kind);
            Assert.Equal(0, feature.Count);
            Assert.Empty(feature.ToInt64Array());
            Assert.Empty(feature.ToFloatArray());
            Assert.Empty(feature.ToBytesArray());
        }

        AssertMatchesGoogleProtobuf(bytes);
    }

    [Fact]
    public void Empty_lists_and_empty_values_are_present_with_their_kind()
    {
        byte[] bytes = ExampleBytes(
            Entry("bytes", BytesFeature("")),
            Entry("floats", Delimited(2)),
            Entry("ints", Delimited(3, Delimited(1))));

        var reader = new ExampleReader(bytes);
        FeatureReader b = Lookup(reader, "bytes");
        Assert.Equal(1, b.Count);
        Assert.Equal([Array.Empty<byte>()], b.ToBytesArray());
        FeatureReader f = Lookup(reader, "floats");
        Assert.Equal((FeatureKind.FloatList, 0), (f.Kind, f.Count));
        FeatureReader i = Lookup(reader, "ints");
        Assert.Equal((FeatureKind.Int64List, 0), (i.Kind, i.Count));
        AssertMatchesGoogleProtobuf(bytes);
    }

    [Fact]
    public void Non_minimal_varints_are_accepted()
    {
        // Every length below takes two bytes where one would do, and the value 1 takes three (81 80 00).
        static byte[] TwoByteLength(int length) => [(byte)(length | 0x80), 0x00];
        byte[] content = Concat(Key("k"), Value(Delimited(3, [0x0A, 0x03, 0x81, 0x80, 0x00])));
        byte[] entry = Concat([0x0A], TwoByteLength(content.Length), content);
        byte[] bytes = Concat([0x0A], TwoByteLength(entry.Length), entry);

        Assert.Equal([1L], Lookup(new ExampleReader(bytes), "k").ToInt64Array());
        AssertMatchesGoogleProtobuf(bytes);
    }

    [Fact]
    public void Sequence_example_lists_merge_repeat_and_take_the_last_duplicate()
    {
        byte[] steps = Concat(Delimited(1, Int64Feature(1)), VarintField(5, 1), Delimited(1), Delimited(1, BytesFeature("z")));
        byte[] bytes = Concat(
            Delimited(2, Delimited(1, Key("a"), Value(Delimited(1, Int64Feature(0)))), Delimited(1, Value(steps), Key("b"))),
            Delimited(1, Entry("ctx", FloatFeature(1f))),
            Delimited(2, Delimited(1, Key("a"), Value(steps))),
            Fixed32Field(3, 7));

        var reader = new SequenceExampleReader(bytes);
        Assert.Equal([1f], Lookup(reader.Context, "ctx").ToFloatArray());
        Assert.True(reader.FeatureLists.TryGetFeatureList("a", out FeatureListReader a));
        Assert.Equal(3, a.Count);
        var kinds = new List<FeatureKind>();
        foreach (FeatureReader step in a)
        {
            kinds.Add(step.Kind);
        }

        Assert.Equal([FeatureKind.Int64List, FeatureKind.None, FeatureKind.BytesList], kinds);
        Assert.False(reader.FeatureLists.TryGetFeatureList("missing", out _));
        Assert.Equal(ExampleCodec.WithoutUnknownFields(Proto.SequenceExample.Parser.ParseFrom(bytes)), ExampleCodec.ReadSequence(bytes));
    }

    private static FeatureReader Lookup(ExampleReader reader, string key)
    {
        Assert.True(reader.TryGetFeature(key, out FeatureReader feature), $"feature '{key}' not found");
        return feature;
    }

    private static FeatureReader Lookup(FeatureMapReader reader, string key)
    {
        Assert.True(reader.TryGetFeature(key, out FeatureReader feature), $"feature '{key}' not found");
        return feature;
    }

    private static void AssertMatchesGoogleProtobuf(byte[] bytes)
    {
        Proto.Example expected = ExampleCodec.WithoutUnknownFields(Proto.Example.Parser.ParseFrom(bytes));
        Assert.Equal(expected, ExampleCodec.Read(bytes));
        Assert.Equal(expected.Features.Feature.Count, CountEnumerated(bytes));
    }

    private static int CountEnumerated(byte[] bytes)
    {
        int count = 0;
        foreach (FeatureReader unused in new ExampleReader(bytes))
        {
            count++;
        }

        return count;
    }
}
