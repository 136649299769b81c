using System.Text;
using Google.Protobuf;
using SchemaGen.Examples;
using SchemaGen.Protos;

namespace SchemaGen.Runtime.Tests.Examples;

/// <summary>
/// Moves data between the Google.Protobuf model (the oracle) and the codec under test: writes a model with
/// <see cref="ExampleWriter"/> in both modes, and reads bytes back into a model with <see cref="ExampleReader"/>.
/// </summary>
internal static class ExampleCodec
{
    /// <summary>Writes with lengths found as it goes, keys as strings, single values through the single-value methods.</summary>
    public static byte[] Write(Example example)
    {
        var buffer = new byte[example.CalculateSize() + 8];
        var writer = new ExampleWriter(buffer);
        foreach (var (key, feature) in Sorted(example.Features.Feature))
        {
            WriteFeature(ref writer, key, feature);
        }

        return buffer[..writer.Complete()];
    }

    /// <summary>Writes with exact lengths from <see cref="ExampleSize"/>, keys as UTF-8, lists through the list methods.</summary>
    public static byte[] WriteExact(Example example)
    {
        var features = Sorted(example.Features.Feature);
        int featuresLength = features.Sum(f => ExampleSize.FeatureEntry(Wire.Utf8(f.Key), FeatureLength(f.Value)));
        var buffer = new byte[ExampleSize.Example(featuresLength)];
        var writer = new ExampleWriter(buffer, featuresLength);
        foreach (var (key, feature) in features)
        {
            WriteFeatureAsList(ref writer, Wire.Utf8(key), feature);
        }

        Assert.Equal(buffer.Length, writer.Complete());
        return buffer;
    }

    public static byte[] Write(SequenceExample sequence)
    {
        var buffer = new byte[sequence.CalculateSize() + 64];
        var writer = new SequenceExampleWriter(buffer);
        foreach (var (key, feature) in Sorted(sequence.Context.Feature))
        {
            switch (feature.KindCase)
            {
                case Feature.KindOneofCase.BytesList: writer.WriteBytesList(key, Arrays(feature.BytesList)); break;
                case Feature.KindOneofCase.FloatList: writer.WriteFloatList(key, feature.FloatList.Value.ToArray()); break;
                case Feature.KindOneofCase.Int64List: writer.WriteInt64List(key, feature.Int64List.Value.ToArray()); break;
                default: writer.WriteEmptyFeature(key); break;
            }
        }

        foreach (var (key, list) in Sorted(sequence.FeatureLists.FeatureList))
        {
            writer.BeginFeatureList(key);
            foreach (Feature step in list.Feature)
            {
                switch (step.KindCase)
                {
                    case Feature.KindOneofCase.BytesList when step.BytesList.Value.Count == 1: writer.WriteBytesStep(step.BytesList.Value[0].Span); break;
                    case Feature.KindOneofCase.BytesList: writer.WriteBytesListStep(Arrays(step.BytesList)); break;
                    case Feature.KindOneofCase.FloatList when step.FloatList.Value.Count == 1: writer.WriteFloatStep(step.FloatList.Value[0]); break;
                    case Feature.KindOneofCase.FloatList: writer.WriteFloatListStep(step.FloatList.Value.ToArray()); break;
                    case Feature.KindOneofCase.Int64List when step.Int64List.Value.Count == 1: writer.WriteInt64Step(step.Int64List.Value[0]); break;
                    case Feature.KindOneofCase.Int64List: writer.WriteInt64ListStep(step.Int64List.Value.ToArray()); break;
                    default: writer.WriteEmptyStep(); break;
                }
            }
        }

        return buffer[..writer.Complete()];
    }

    public static byte[] WriteExact(SequenceExample sequence)
    {
        var context = Sorted(sequence.Context.Feature);
        var lists = Sorted(sequence.FeatureLists.FeatureList);
        int contextLength = context.Sum(f => ExampleSize.FeatureEntry(f.Key, FeatureLength(f.Value)));
        int[] listLengths = lists.Select(l => l.Value.Feature.Sum(step => ExampleSize.FeatureListStep(FeatureLength(step)))).ToArray();
        int listsLength = lists.Select((l, i) => ExampleSize.FeatureListEntry(l.Key, listLengths[i])).Sum();
        var buffer = new byte[ExampleSize.SequenceExample(contextLength, listsLength)];
        var writer = new SequenceExampleWriter(buffer, contextLength, listsLength);
        foreach (var (key, feature) in context)
        {
            switch (feature.KindCase)
            {
                case Feature.KindOneofCase.BytesList: writer.WriteBytesList(Wire.Utf8(key), Arrays(feature.BytesList)); break;
                case Feature.KindOneofCase.FloatList: writer.WriteFloatList(Wire.Utf8(key), feature.FloatList.Value.ToArray()); break;
                case Feature.KindOneofCase.Int64List: writer.WriteInt64List(Wire.Utf8(key), feature.Int64List.Value.ToArray()); break;
                default: writer.WriteEmptyFeature(Wire.Utf8(key)); break;
            }
        }

        for (int i = 0; i < lists.Count; i++)
        {
            writer.BeginFeatureList(Wire.Utf8(lists[i].Key), listLengths[i]);
            foreach (Feature step in lists[i].Value.Feature)
            {
                switch (step.KindCase)
                {
                    case Feature.KindOneofCase.BytesList: writer.WriteBytesListStep(Arrays(step.BytesList)); break;
                    case Feature.KindOneofCase.FloatList: writer.WriteFloatListStep(step.FloatList.Value.ToArray()); break;
                    case Feature.KindOneofCase.Int64List: writer.WriteInt64ListStep(step.Int64List.Value.ToArray()); break;
                    default: writer.WriteEmptyStep(); break;
                }
            }
        }

        Assert.Equal(buffer.Length, writer.Complete());
        return buffer;
    }

    /// <summary>
    /// Reads an Example through <see cref="ExampleReader"/> enumeration, checking that lookups by key and the one-pass
    /// entry walk (keeping each key's last entry) read the same features, and that each feature's accessors agree.
    /// </summary>
    public static Example Read(ReadOnlySpan<byte> bytes)
    {
        var example = new Example { Features = new Features() };
        var reader = new ExampleReader(bytes);
        foreach (FeatureReader feature in reader)
        {
            string key = feature.GetKeyString();
            example.Features.Feature.Add(key, ToProto(feature)); // throws if enumeration repeats a key

            bool found = reader.TryGetFeature(key, out FeatureReader lookedUp);
            Assert.Equal(feature.Kind != FeatureKind.None, found);
            Assert.Equal(feature.Kind == FeatureKind.None ? new Feature() : ToProto(feature), found ? ToProto(lookedUp) : new Feature());
        }

        var lastEntries = new Dictionary<string, FeatureEntry>();
        FeatureEntryEnumerator entries = reader.EnumerateEntries();
        while (entries.MoveNext())
        {
            lastEntries[Encoding.UTF8.GetString(entries.CurrentKey)] = entries.Current;
        }

        Assert.Equal(example.Features.Feature.Keys.Order(StringComparer.Ordinal), lastEntries.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, entry) in lastEntries)
        {
            bool found = reader.Features.TryGetFeature(entry, out FeatureReader feature);
            Assert.Equal(example.Features.Feature[key].KindCase != Feature.KindOneofCase.None, found);
            Assert.Equal(example.Features.Feature[key], found ? ToProto(feature) : new Feature());
        }

        return example;
    }

    public static SequenceExample ReadSequence(ReadOnlySpan<byte> bytes)
    {
        var sequence = new SequenceExample { Context = new Features(), FeatureLists = new FeatureLists() };
        var reader = new SequenceExampleReader(bytes);
        foreach (FeatureReader feature in reader.Context)
        {
            sequence.Context.Feature.Add(feature.GetKeyString(), ToProto(feature));
        }

        foreach (FeatureListReader list in reader.FeatureLists)
        {
            var proto = new FeatureList();
            foreach (FeatureReader step in list)
            {
                Assert.True(step.Key.SequenceEqual(list.Key));
                proto.Feature.Add(ToProto(step));
            }

            Assert.Equal(list.Count, proto.Feature.Count);
            string key = list.GetKeyString();
            sequence.FeatureLists.FeatureList.Add(key, proto);
            Assert.True(reader.FeatureLists.TryGetFeatureList(key, out FeatureListReader lookedUp));
            Assert.Equal(list.Count, lookedUp.Count);
        }

        return sequence;
    }

    /// <summary>A feature as a model, built from the enumerators and checked against Count, CopyTo and the arrays.</summary>
    public static Feature ToProto(FeatureReader feature)
    {
        switch (feature.Kind)
        {
            case FeatureKind.BytesList:
                var bytes = new BytesList();
                foreach (ReadOnlySpan<byte> value in feature.EnumerateBytes())
                {
                    bytes.Value.Add(ByteString.CopyFrom(value));
                }

                Assert.Equal(feature.Count, bytes.Value.Count);
                byte[][] arrays = feature.ToBytesArray();
                Assert.Equal(bytes.Value.Count, arrays.Length);
                var copied = new byte[bytes.Value.Sum(v => v.Length) + 1];
                Assert.Equal(copied.Length - 1, feature.CopyTo(copied));
                int offset = 0;
                for (int i = 0; i < arrays.Length; i++)
                {
                    // Spans, not Assert.Equal: values run to megabytes.
                    Assert.True(bytes.Value[i].Span.SequenceEqual(arrays[i]), $"ToBytesArray differs at value {i}.");
                    Assert.True(bytes.Value[i].Span.SequenceEqual(copied.AsSpan(offset, arrays[i].Length)), $"CopyTo differs at value {i}.");
                    offset += arrays[i].Length;
                }

                return new Feature { BytesList = bytes };
            case FeatureKind.FloatList:
                var floats = new FloatList();
                foreach (float value in feature.EnumerateFloats())
                {
                    floats.Value.Add(value);
                }

                Assert.Equal(feature.Count, floats.Value.Count);
                Assert.Equal(floats.Value.Select(BitConverter.SingleToInt32Bits), feature.ToFloatArray().Select(BitConverter.SingleToInt32Bits));
                return new Feature { FloatList = floats };
            case FeatureKind.Int64List:
                var int64s = new Int64List();
                foreach (long value in feature.EnumerateInt64s())
                {
                    int64s.Value.Add(value);
                }

                Assert.Equal(feature.Count, int64s.Value.Count);
                Assert.Equal(int64s.Value, feature.ToInt64Array());
                return new Feature { Int64List = int64s };
            default:
                Assert.Equal(0, feature.Count);
                return new Feature();
        }
    }

    /// <summary>The model with its map entries inserted in sorted key order: Google.Protobuf then writes deterministic bytes.</summary>
    public static Example SortedCopy(Example example)
    {
        var sorted = new Example { Features = new Features() };
        foreach (var (key, feature) in Sorted(example.Features.Feature))
        {
            sorted.Features.Feature.Add(key, feature.Clone());
        }

        return sorted;
    }

    public static SequenceExample SortedCopy(SequenceExample sequence)
    {
        var sorted = new SequenceExample { Context = new Features(), FeatureLists = new FeatureLists() };
        foreach (var (key, feature) in Sorted(sequence.Context.Feature))
        {
            sorted.Context.Feature.Add(key, feature.Clone());
        }

        foreach (var (key, list) in Sorted(sequence.FeatureLists.FeatureList))
        {
            sorted.FeatureLists.FeatureList.Add(key, list.Clone());
        }

        return sorted;
    }

    /// <summary>The model without unknown fields (Google.Protobuf keeps them; the codec skips them), for comparisons.</summary>
    public static Example WithoutUnknownFields(Example example)
    {
        var clean = new Example { Features = new Features() };
        foreach (var (key, feature) in example.Features?.Feature ?? [])
        {
            clean.Features.Feature.Add(key, WithoutUnknownFields(feature));
        }

        return clean;
    }

    public static SequenceExample WithoutUnknownFields(SequenceExample sequence)
    {
        var clean = new SequenceExample { Context = new Features(), FeatureLists = new FeatureLists() };
        foreach (var (key, feature) in sequence.Context?.Feature ?? [])
        {
            clean.Context.Feature.Add(key, WithoutUnknownFields(feature));
        }

        foreach (var (key, list) in sequence.FeatureLists?.FeatureList ?? [])
        {
            clean.FeatureLists.FeatureList.Add(key, new FeatureList { Feature = { list.Feature.Select(WithoutUnknownFields) } });
        }

        return clean;
    }

    public static Feature WithoutUnknownFields(Feature feature) => feature.KindCase switch
    {
        Feature.KindOneofCase.BytesList => new Feature { BytesList = new BytesList { Value = { feature.BytesList.Value } } },
        Feature.KindOneofCase.FloatList => new Feature { FloatList = new FloatList { Value = { feature.FloatList.Value } } },
        Feature.KindOneofCase.Int64List => new Feature { Int64List = new Int64List { Value = { feature.Int64List.Value } } },
        _ => new Feature(),
    };

    /// <summary>Sorts by UTF-8 bytes, computed independently of <see cref="FeatureKeyComparer"/>.</summary>
    public static List<KeyValuePair<string, T>> Sorted<T>(IEnumerable<KeyValuePair<string, T>> map) =>
        map.OrderBy(e => Wire.Utf8(e.Key), ByteArrayComparer.Instance).ToList();

    public static int FeatureLength(Feature feature) => feature.KindCase switch
    {
        Feature.KindOneofCase.BytesList => ExampleSize.BytesListFeature(Arrays(feature.BytesList)),
        Feature.KindOneofCase.FloatList => ExampleSize.FloatListFeature(feature.FloatList.Value.Count),
        Feature.KindOneofCase.Int64List => ExampleSize.Int64ListFeature(feature.Int64List.Value.ToArray()),
        _ => 0,
    };

    private static void WriteFeature(ref ExampleWriter writer, string key, Feature feature)
    {
        switch (feature.KindCase)
        {
            case Feature.KindOneofCase.BytesList when feature.BytesList.Value.Count == 1: writer.WriteBytes(key, feature.BytesList.Value[0].Span); break;
            case Feature.KindOneofCase.BytesList: writer.WriteBytesList(key, Arrays(feature.BytesList)); break;
            case Feature.KindOneofCase.FloatList when feature.FloatList.Value.Count == 1: writer.WriteFloat(key, feature.FloatList.Value[0]); break;
            case Feature.KindOneofCase.FloatList: writer.WriteFloatList(key, feature.FloatList.Value.ToArray()); break;
            case Feature.KindOneofCase.Int64List when feature.Int64List.Value.Count == 1: writer.WriteInt64(key, feature.Int64List.Value[0]); break;
            case Feature.KindOneofCase.Int64List: writer.WriteInt64List(key, feature.Int64List.Value.ToArray()); break;
            default: writer.WriteEmptyFeature(key); break;
        }
    }

    private static void WriteFeatureAsList(ref ExampleWriter writer, byte[] key, Feature feature)
    {
        switch (feature.KindCase)
        {
            case Feature.KindOneofCase.BytesList: writer.WriteBytesList(key, Arrays(feature.BytesList)); break;
            case Feature.KindOneofCase.FloatList: writer.WriteFloatList(key, feature.FloatList.Value.ToArray()); break;
            case Feature.KindOneofCase.Int64List: writer.WriteInt64List(key, feature.Int64List.Value.ToArray()); break;
            default: writer.WriteEmptyFeature(key); break;
        }
    }

    private static byte[][] Arrays(BytesList list) => list.Value.Select(v => v.ToByteArray()).ToArray();
}
