using Google.Protobuf;
using Google.Protobuf.Collections;
using SchemaGen.Protos;

namespace SchemaGen;

/// <summary>
/// Deterministic bytes for the dynamic protobuf model. Google.Protobuf writes map entries in insertion order, so the
/// same Example built in another order gives other bytes; these helpers write the entries sorted by UTF-8 key bytes,
/// as protobuf's deterministic mode and <see cref="ExampleWriter"/> do.
/// </summary>
public static class ExampleEncoding
{
    /// <summary>Serializes an Example with its features sorted by key.</summary>
    /// <param name="example">The Example; it is not changed.</param>
    /// <returns>The bytes <see cref="ExampleWriter"/> writes for the same features (unknown fields are kept, after the known ones).</returns>
    public static byte[] ToSortedByteArray(Example example)
    {
        ArgumentNullException.ThrowIfNull(example);
        return WithSortedKeys(example).ToByteArray();
    }

    /// <summary>Serializes a SequenceExample with its context features and its feature lists sorted by key.</summary>
    /// <param name="sequenceExample">The SequenceExample; it is not changed.</param>
    /// <returns>The bytes <see cref="SequenceExampleWriter"/> writes for the same data (unknown fields are kept, after the known ones).</returns>
    public static byte[] ToSortedByteArray(SequenceExample sequenceExample)
    {
        ArgumentNullException.ThrowIfNull(sequenceExample);
        return WithSortedKeys(sequenceExample).ToByteArray();
    }

    /// <summary>Copies an Example with its features re-inserted in sorted key order.</summary>
    /// <param name="example">The Example; it is not changed.</param>
    /// <returns>A deep copy whose map iterates (and serializes) in sorted key order.</returns>
    public static Example WithSortedKeys(Example example)
    {
        ArgumentNullException.ThrowIfNull(example);
        Example copy = example.Clone();
        if (copy.Features is not null)
        {
            Sort(copy.Features.Feature);
        }

        return copy;
    }

    /// <summary>Copies a SequenceExample with its context features and feature lists re-inserted in sorted key order.</summary>
    /// <param name="sequenceExample">The SequenceExample; it is not changed.</param>
    /// <returns>A deep copy whose maps iterate (and serialize) in sorted key order.</returns>
    public static SequenceExample WithSortedKeys(SequenceExample sequenceExample)
    {
        ArgumentNullException.ThrowIfNull(sequenceExample);
        SequenceExample copy = sequenceExample.Clone();
        if (copy.Context is not null)
        {
            Sort(copy.Context.Feature);
        }

        if (copy.FeatureLists is not null)
        {
            Sort(copy.FeatureLists.FeatureList);
        }

        return copy;
    }

    private static void Sort<TValue>(MapField<string, TValue> map)
    {
        var entries = new KeyValuePair<string, TValue>[map.Count];
        ((ICollection<KeyValuePair<string, TValue>>)map).CopyTo(entries, 0);
        Array.Sort(entries, (a, b) => FeatureKeyComparer.Instance.Compare(a.Key, b.Key));
        map.Clear();
        foreach (KeyValuePair<string, TValue> entry in entries)
        {
            map.Add(entry.Key, entry.Value);
        }
    }
}
