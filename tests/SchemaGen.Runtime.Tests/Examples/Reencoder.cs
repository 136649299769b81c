using SchemaGen.Examples;

namespace SchemaGen.Runtime.Tests.Examples;

/// <summary>Reads serialized bytes with the codec's readers and writes them again with its writers, keys sorted.</summary>
internal static class Reencoder
{
    public static byte[] Example(ReadOnlySpan<byte> payload)
    {
        var buffer = new byte[payload.Length + 16];
        var writer = new ExampleWriter(buffer);
        WriteFeatures(new ExampleReader(payload).Features, ref writer);
        return buffer[..writer.Complete()];
    }

    public static byte[] SequenceExample(ReadOnlySpan<byte> payload)
    {
        var buffer = new byte[payload.Length + 64];
        var writer = new SequenceExampleWriter(buffer);
        var reader = new SequenceExampleReader(payload);
        foreach (var (key, kind) in SortedKeys(reader.Context))
        {
            if (kind == FeatureKind.None)
            {
                writer.WriteEmptyFeature(key);
                continue;
            }

            Assert.True(reader.Context.TryGetFeature(key, out FeatureReader feature));
            switch (kind)
            {
                case FeatureKind.BytesList: writer.WriteBytesList(key, feature.ToBytesArray()); break;
                case FeatureKind.FloatList: writer.WriteFloatList(key, feature.ToFloatArray()); break;
                default: writer.WriteInt64List(key, feature.ToInt64Array()); break;
            }
        }

        var listKeys = new List<byte[]>();
        foreach (FeatureListReader list in reader.FeatureLists)
        {
            listKeys.Add(list.Key.ToArray());
        }

        listKeys.Sort(ByteArrayComparer.Instance);
        foreach (byte[] key in listKeys)
        {
            Assert.True(reader.FeatureLists.TryGetFeatureList(key, out FeatureListReader list));
            writer.BeginFeatureList(key);
            foreach (FeatureReader step in list)
            {
                switch (step.Kind)
                {
                    case FeatureKind.BytesList: writer.WriteBytesListStep(step.ToBytesArray()); break;
                    case FeatureKind.FloatList: writer.WriteFloatListStep(step.ToFloatArray()); break;
                    case FeatureKind.Int64List: writer.WriteInt64ListStep(step.ToInt64Array()); break;
                    default: writer.WriteEmptyStep(); break;
                }
            }
        }

        return buffer[..writer.Complete()];
    }

    private static void WriteFeatures(FeatureMapReader features, ref ExampleWriter writer)
    {
        foreach (var (key, kind) in SortedKeys(features))
        {
            if (kind == FeatureKind.None)
            {
                writer.WriteEmptyFeature(key);
                continue;
            }

            Assert.True(features.TryGetFeature(key, out FeatureReader feature));
            switch (kind)
            {
                case FeatureKind.BytesList: writer.WriteBytesList(key, feature.ToBytesArray()); break;
                case FeatureKind.FloatList: writer.WriteFloatList(key, feature.ToFloatArray()); break;
                default: writer.WriteInt64List(key, feature.ToInt64Array()); break;
            }
        }
    }

    private static List<(byte[] Key, FeatureKind Kind)> SortedKeys(FeatureMapReader features)
    {
        var keys = new List<(byte[] Key, FeatureKind Kind)>();
        foreach (FeatureReader feature in features)
        {
            keys.Add((feature.Key.ToArray(), feature.Kind));
        }

        keys.Sort((a, b) => ByteArrayComparer.Instance.Compare(a.Key, b.Key));
        return keys;
    }
}
