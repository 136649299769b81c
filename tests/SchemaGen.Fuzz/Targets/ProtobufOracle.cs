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
            foreach (FeatureReader feature in reader)
            {
                string key = feature.GetKeyString();
                if (features.Feature.ContainsKey(key))
                {
                    throw new FuzzFindingException($"enumeration gave the key '{key}' twice");
                }

                features.Feature.Add(key, ToProto(feature));
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
            foreach (FeatureReader feature in reader.Context)
            {
                sequence.Context.Feature.Add(feature.GetKeyString(), ToProto(feature));
            }

            foreach (FeatureListReader list in reader.FeatureLists)
            {
                var steps = new FeatureList();
                foreach (FeatureReader step in list)
                {
                    steps.Feature.Add(ToProto(step));
                }

                sequence.FeatureLists.FeatureList.Add(list.GetKeyString(), steps);
            }

            return sequence;
        }
        catch (ExampleFormatException e)
        {
            error = e;
            return null;
        }
        catch (ArgumentException e)
        {
            throw new FuzzFindingException("enumeration gave a key twice", e);
        }
    }

    /// <summary>Google.Protobuf's message without unknown fields and with empty wrappers as the codec reports them.</summary>
    /// <summary>
    /// Where only Google.Protobuf accepts, the codec's refusal must be one it makes on purpose: a group, which
    /// TensorFlow's parse_example refuses too, or a tag of wire type 6 or 7 inside a map entry, which Google.Protobuf
    /// skips as if it had no value (its SkipLastField has no case for them) and C++ protobuf and TensorFlow refuse.
    /// </summary>
    public static void RequireDeliberateRefusal(ExampleFormatException error)
    {
        if (!error.Message.Contains("(group)", StringComparison.Ordinal) && !error.Message.Contains("invalid wire type", StringComparison.Ordinal))
        {
            throw new FuzzFindingException($"Google.Protobuf accepts what the codec refuses, and not for a group or an invalid wire type: {error.Message}", error);
        }
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
