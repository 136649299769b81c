using Google.Protobuf;
using SchemaGen.Examples;
using SchemaGen.Protos;

namespace SchemaGen.Fuzz.Targets;

/// <summary>Reads messages through the codec into Google.Protobuf's model, and parses them with Google.Protobuf.</summary>
internal static class ProtobufOracle
{
    public static T? TryParse<T>(MessageParser<T> parser, byte[] bytes)
        where T : class, IMessage<T>
    {
        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    /// <summary>Every feature by enumeration; null, with the codec's error, when it refuses the bytes.</summary>
    public static Example? TryRead(byte[] bytes, out ExampleFormatException? error)
    {
        error = null;
        try
        {
            var reader = new ExampleReader(bytes);
            var features = new Features();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (FeatureReader feature in reader)
            {
                RequireFirst(seen, feature.Key);
                features.Feature[feature.GetKeyString()] = ToProto(feature);
            }

            return new Example { Features = features };
        }
        catch (ExampleFormatException e)
        {
            error = e;
            return null;
        }
    }

    public static SequenceExample? TryReadSequence(byte[] bytes, out ExampleFormatException? error)
    {
        error = null;
        try
        {
            var reader = new SequenceExampleReader(bytes);
            var sequence = new SequenceExample { Context = new Features(), FeatureLists = new FeatureLists() };
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (FeatureReader feature in reader.Context)
            {
                RequireFirst(seen, feature.Key);
                sequence.Context.Feature[feature.GetKeyString()] = ToProto(feature);
            }

            seen.Clear();
            foreach (FeatureListReader list in reader.FeatureLists)
            {
                RequireFirst(seen, list.Key);
                var steps = new FeatureList();
                foreach (FeatureReader step in list)
                {
                    steps.Feature.Add(ToProto(step));
                }

                sequence.FeatureLists.FeatureList[list.GetKeyString()] = steps;
            }

            return sequence;
        }
        catch (ExampleFormatException e)
        {
            error = e;
            return null;
        }
    }

    // Keys are compared as bytes: two invalid UTF-8 keys may decode to the same string (Google.Protobuf refuses
    // both, so the string model is compared only where keys are valid).
    private static void RequireFirst(HashSet<string> seen, ReadOnlySpan<byte> key)
    {
        if (!seen.Add(Convert.ToHexString(key)))
        {
            throw new FuzzFindingException($"enumeration gave the key {Convert.ToHexString(key)} twice");
        }
    }

    /// <summary>Google.Protobuf's message without unknown fields and with empty wrappers as the codec reports them.</summary>
    /// <summary>
    /// Where only Google.Protobuf accepts, the codec's refusal must be one it makes on purpose: a group, which
    /// TensorFlow's parse_example refuses too; a tag of wire type 6 or 7 inside a map entry, which Google.Protobuf
    /// skips as if it had no value (its SkipLastField has no case for them) and C++ protobuf refuses; a packed list
    /// whose length has bit 31 set, which Google.Protobuf reads as empty (a negative length) and C++ protobuf refuses.
    /// </summary>
    public static void RequireDeliberateRefusal(ExampleFormatException error)
    {
        string message = error.Message;
        bool deliberate = message.Contains("(group)", StringComparison.Ordinal)
            || message.Contains("invalid wire type", StringComparison.Ordinal)
            || (LengthIn(message) is ulong length && length >= 1UL << 31);
        if (!deliberate)
        {
            throw new FuzzFindingException($"Google.Protobuf accepts what the codec refuses, and not on purpose: {message}", error);
        }
    }

    // "length 3962045951 runs past the end …"
    private static ulong? LengthIn(string message)
    {
        const string Prefix = "length ";
        int at = message.IndexOf(Prefix, StringComparison.Ordinal);
        int end = at < 0 ? -1 : message.IndexOf(" runs past", at, StringComparison.Ordinal);
        return end > at && ulong.TryParse(message.AsSpan(at + Prefix.Length, end - at - Prefix.Length), System.Globalization.CultureInfo.InvariantCulture, out ulong length)
            ? length
            : null;
    }

    public static Example Normalized(Example example)
    {
        var features = new Features();
        foreach (var (key, feature) in example.Features?.Feature ?? [])
        {
            features.Feature.Add(key, Normalized(feature));
        }

        return new Example { Features = features };
    }

    public static SequenceExample Normalized(SequenceExample sequence)
    {
        var result = new SequenceExample { Context = new Features(), FeatureLists = new FeatureLists() };
        foreach (var (key, feature) in sequence.Context?.Feature ?? [])
        {
            result.Context.Feature.Add(key, Normalized(feature));
        }

        foreach (var (key, list) in sequence.FeatureLists?.FeatureList ?? [])
        {
            var steps = new FeatureList();
            steps.Feature.AddRange(list.Feature.Select(Normalized));
            result.FeatureLists.FeatureList.Add(key, steps);
        }

        return result;
    }

    private static Feature Normalized(Feature feature) => feature.KindCase switch
    {
        Feature.KindOneofCase.BytesList => new Feature { BytesList = new BytesList { Value = { feature.BytesList.Value } } },
        Feature.KindOneofCase.FloatList => new Feature { FloatList = new FloatList { Value = { feature.FloatList.Value } } },
        Feature.KindOneofCase.Int64List => new Feature { Int64List = new Int64List { Value = { feature.Int64List.Value } } },
        _ => new Feature(),
    };

    private static Feature ToProto(FeatureReader feature) => feature.Kind switch
    {
        FeatureKind.BytesList => new Feature { BytesList = new BytesList { Value = { feature.ToBytesArray().Select(ByteString.CopyFrom) } } },
        FeatureKind.FloatList => new Feature { FloatList = new FloatList { Value = { feature.ToFloatArray() } } },
        FeatureKind.Int64List => new Feature { Int64List = new Int64List { Value = { feature.ToInt64Array() } } },
        _ => new Feature(),
    };
}
