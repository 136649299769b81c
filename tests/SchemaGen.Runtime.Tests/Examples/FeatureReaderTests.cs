using SchemaGen.Examples;

using static SchemaGen.Runtime.Tests.Examples.Wire;

namespace SchemaGen.Runtime.Tests.Examples;

/// <summary>The feature accessors' contract beyond the round trips.</summary>
public class FeatureReaderTests
{
    private static readonly byte[] Record = ExampleBytes(Entry("floats", FloatFeature(1f, 2f)), Entry("label", Int64Feature(4)), Entry("名前", BytesFeature("x")));

    [Fact]
    public void Reading_another_kind_than_the_feature_holds_is_rejected()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            Assert.True(new ExampleReader(Record).TryGetFeature("label", out FeatureReader label));
            label.ToFloatArray();
        });
        Assert.Equal("Feature 'label' holds a int64_list, not a float_list.", error.Message);
        Assert.Throws<InvalidOperationException>(() =>
        {
            Assert.True(new ExampleReader(Record).TryGetFeature("floats", out FeatureReader floats));
            foreach (long unused in floats.EnumerateInt64s())
            {
            }
        });
    }

    [Fact]
    public void CopyTo_needs_room_for_every_value_and_returns_the_count()
    {
        var error = Assert.Throws<ArgumentException>(() =>
        {
            Assert.True(new ExampleReader(Record).TryGetFeature("floats", out FeatureReader floats));
            floats.CopyTo(new float[1]);
        });
        Assert.Contains("Feature 'floats' has 2 values but the destination holds only 1", error.Message);

        Assert.True(new ExampleReader(Record).TryGetFeature("floats"u8, out FeatureReader f));
        var destination = new float[4];
        Assert.Equal(2, f.CopyTo(destination));
        Assert.Equal([1f, 2f, 0f, 0f], destination);
    }

    [Fact]
    public void CopyTo_bytes_copies_the_values_one_after_another()
    {
        byte[] bytes = ExampleBytes(
            Entry("one", BytesFeature("png")),
            Entry("several", BytesFeature("ab", "", "cde")),
            Entry("split", Concat(Delimited(1, Delimited(1, Utf8("x"))), Delimited(1, Delimited(1, Utf8("yz"))))),
            Entry("none", []));
        var reader = new ExampleReader(bytes);
        var destination = new byte[8];

        Assert.Equal(3, Lookup(reader, "one").CopyTo(destination));
        Assert.Equal("png"u8.ToArray(), destination[..3]);
        Assert.Equal(5, Lookup(reader, "several").CopyTo(destination));
        Assert.Equal("abcde"u8.ToArray(), destination[..5]);
        Assert.Equal(3, Lookup(reader, "split").CopyTo(destination));
        Assert.Equal("xyz"u8.ToArray(), destination[..3]);
        Assert.False(reader.TryGetFeature("none", out FeatureReader none));
        Assert.Equal(0, none.CopyTo(destination));
    }

    [Fact]
    public void CopyTo_bytes_needs_room_for_every_byte_and_a_bytes_list()
    {
        byte[] bytes = ExampleBytes(Entry("one", BytesFeature("abc")), Entry("several", BytesFeature("ab", "cde")));
        var destination = new byte[2];

        var error = Assert.Throws<ArgumentException>(() => Lookup(new ExampleReader(bytes), "one").CopyTo(destination));
        Assert.Contains("Feature 'one' holds 3 bytes but the destination holds only 2", error.Message);
        error = Assert.Throws<ArgumentException>(() => Lookup(new ExampleReader(bytes), "several").CopyTo(destination));
        Assert.Contains("Feature 'several' holds 5 bytes but the destination holds only 2", error.Message);
        Assert.Equal([0, 0], destination);
        var mismatch = Assert.Throws<InvalidOperationException>(() => Lookup(new ExampleReader(Record), "label").CopyTo(destination));
        Assert.Equal("Feature 'label' holds a int64_list, not a bytes_list.", mismatch.Message);
    }

    [Fact]
    public void Keys_read_as_utf8_and_as_strings()
    {
        Assert.True(new ExampleReader(Record).TryGetFeature("名前", out FeatureReader feature));
        Assert.Equal("名前"u8.ToArray(), feature.Key.ToArray());
        Assert.Equal("名前", feature.GetKeyString());
        Assert.False(new ExampleReader(Record).TryGetFeature("名", out _));
    }

    [Fact]
    public void Long_string_keys_are_found()
    {
        string key = new('k', 1000);
        Assert.True(new ExampleReader(ExampleBytes(Entry(key, Int64Feature(1)))).TryGetFeature(key, out FeatureReader feature));
        Assert.Equal(key, feature.GetKeyString());
    }

    private static FeatureReader Lookup(ExampleReader reader, string key)
    {
        Assert.True(reader.TryGetFeature(key, out FeatureReader feature));
        return feature;
    }

    [Fact]
    public void Missing_feature_reads_as_an_empty_feature_with_no_kind()
    {
        Assert.False(new ExampleReader(Record).TryGetFeature("missing", out FeatureReader missing));
        Assert.Equal((FeatureKind.None, 0, 0), (missing.Kind, missing.Count, missing.Key.Length));
        Assert.Empty(missing.ToInt64Array());
    }
}
