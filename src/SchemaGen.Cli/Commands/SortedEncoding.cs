using Google.Protobuf;
using SchemaGen.Protos;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// Protobuf's deterministic encoding of a record: map entries in UTF-8 key order. Google.Protobuf's MapField writes
/// entries in insertion order, so the maps are rebuilt in sorted order before serializing.
/// </summary>
internal static class SortedEncoding
{
    public static byte[] ToByteArray(IMessage message) => message switch
    {
        Example example => new Example { Features = Sorted(example.Features) }.ToByteArray(),
        SequenceExample sequence => new SequenceExample
        {
            Context = Sorted(sequence.Context),
            FeatureLists = Sorted(sequence.FeatureLists),
        }.ToByteArray(),
        _ => throw new ArgumentException($"Not an Example or SequenceExample: {message.Descriptor.FullName}.", nameof(message)),
    };

    private static Features? Sorted(Features? features)
    {
        if (features is null)
        {
            return null;
        }

        var sorted = new Features();
        foreach (var key in features.Feature.Keys.Order(FeatureKeyComparer.Instance))
        {
            sorted.Feature.Add(key, features.Feature[key]);
        }

        return sorted;
    }

    private static FeatureLists? Sorted(FeatureLists? lists)
    {
        if (lists is null)
        {
            return null;
        }

        var sorted = new FeatureLists();
        foreach (var key in lists.FeatureList.Keys.Order(FeatureKeyComparer.Instance))
        {
            sorted.FeatureList.Add(key, lists.FeatureList[key]);
        }

        return sorted;
    }
}
