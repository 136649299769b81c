using Google.Protobuf;
using Google.Protobuf.Collections;
using SchemaGen.Examples;

namespace SchemaGen.Protos;

/// <summary>
/// Deterministic bytes for the dynamic protobuf model: what TensorFlow's C++ protobuf (and Python's
/// <c>SerializeToString(deterministic=True)</c>) writes. Google.Protobuf writes map entries in insertion order, so the
/// same Example built in another order gives other bytes, and it leaves an empty key's key field out; these helpers
/// write the entries sorted by UTF-8 key bytes, every key field included, as <see cref="ExampleWriter"/> does.
/// </summary>
public static class ExampleEncoding
{
    // Tags of length-delimited fields 1 and 2: Features.feature, FeatureLists.feature_list and their map entries' key
    // and value, SequenceExample.context and feature_lists.
    private const byte Field1Delimited = (1 << 3) | 2;
    private const byte Field2Delimited = (2 << 3) | 2;

    /// <summary>Serializes an Example with its features sorted by key.</summary>
    /// <param name="example">The Example; it is not changed.</param>
    /// <returns>The bytes <see cref="ExampleWriter"/> writes for the same features (unknown fields are kept, after the known ones).</returns>
    public static byte[] ToSortedByteArray(Example example)
    {
        ArgumentNullException.ThrowIfNull(example);
        using var output = new MemoryStream();
        if (example.Features is { } features)
        {
            WriteMessageField(output, Field1Delimited, SortedMessage(features.Feature, features, static f => f.Feature.Clear()));
        }

        WriteUnknownFields(output, example, static copy => copy.Features = null);
        return output.ToArray();
    }

    /// <summary>Serializes a SequenceExample with its context features and its feature lists sorted by key.</summary>
    /// <param name="sequenceExample">The SequenceExample; it is not changed.</param>
    /// <returns>The bytes <see cref="SequenceExampleWriter"/> writes for the same data (unknown fields are kept, after the known ones).</returns>
    public static byte[] ToSortedByteArray(SequenceExample sequenceExample)
    {
        ArgumentNullException.ThrowIfNull(sequenceExample);
        using var output = new MemoryStream();
        if (sequenceExample.Context is { } context)
        {
            WriteMessageField(output, Field1Delimited, SortedMessage(context.Feature, context, static f => f.Feature.Clear()));
        }

        if (sequenceExample.FeatureLists is { } lists)
        {
            WriteMessageField(output, Field2Delimited, SortedMessage(lists.FeatureList, lists, static l => l.FeatureList.Clear()));
        }

        WriteUnknownFields(output, sequenceExample, static copy => (copy.Context, copy.FeatureLists) = (null, null));
        return output.ToArray();
    }

    /// <summary>Copies an Example with its features re-inserted in sorted key order.</summary>
    /// <param name="example">The Example; it is not changed.</param>
    /// <returns>
    /// A deep copy whose map iterates (and Google.Protobuf serializes it) in sorted key order; Google.Protobuf still
    /// leaves an empty key's key field out, which <see cref="ToSortedByteArray(Example)"/> writes.
    /// </returns>
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
    /// <returns>
    /// A deep copy whose maps iterate (and Google.Protobuf serializes them) in sorted key order; Google.Protobuf still
    /// leaves an empty key's key field out, which <see cref="ToSortedByteArray(SequenceExample)"/> writes.
    /// </returns>
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

    // A Features or FeatureLists message, whose only field is its map: the entries sorted, each with its key field
    // (Google.Protobuf leaves an empty one out), then the message's unknown fields.
    private static byte[] SortedMessage<TMessage, TValue>(MapField<string, TValue> map, TMessage message, Action<TMessage> clearMap)
        where TMessage : IMessage<TMessage>, IDeepCloneable<TMessage>
        where TValue : IMessage<TValue>
    {
        var entries = new KeyValuePair<string, TValue>[map.Count];
        ((ICollection<KeyValuePair<string, TValue>>)map).CopyTo(entries, 0);
        Array.Sort(entries, (a, b) => FeatureKeyComparer.Instance.Compare(a.Key, b.Key));
        using var output = new MemoryStream();
        using (var coded = new CodedOutputStream(output, leaveOpen: true))
        {
            foreach (var (key, value) in entries)
            {
                coded.WriteRawTag(Field1Delimited);
                coded.WriteLength(1 + CodedOutputStream.ComputeStringSize(key) + 1 + CodedOutputStream.ComputeMessageSize(value));
                coded.WriteRawTag(Field1Delimited);
                coded.WriteString(key);
                coded.WriteRawTag(Field2Delimited);
                coded.WriteMessage(value);
            }
        }

        WriteUnknownFields(output, message, clearMap);
        return output.ToArray();
    }

    private static void WriteMessageField(Stream output, byte tag, byte[] content)
    {
        using var coded = new CodedOutputStream(output, leaveOpen: true);
        coded.WriteRawTag(tag);
        coded.WriteLength(content.Length);
        coded.Flush();
        output.Write(content);
    }

    // A message's unknown fields: Google.Protobuf writes them after the known ones, and only it can reach them.
    private static void WriteUnknownFields<TMessage>(Stream output, TMessage message, Action<TMessage> clearKnownFields)
        where TMessage : IMessage<TMessage>, IDeepCloneable<TMessage>
    {
        TMessage copy = message.Clone();
        clearKnownFields(copy);
        copy.WriteTo(output);
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
