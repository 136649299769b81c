using SchemaGen.Examples;
using SchemaGen.Schema;

namespace SchemaGen.Cli.Schemas;

/// <summary>
/// Scans records and infers the declaration that parses all of them: per key its dtype; a list with the same number
/// of values in every record becomes a fixed shape (one value: a scalar), a varying one a variable-length list; a key
/// missing from some records becomes nullable; bytes become a string when every value is text.
/// </summary>
internal sealed class SchemaInference(bool sequence)
{
    private readonly Dictionary<string, ObservedFeature> _features = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ObservedFeature> _featureLists = new(StringComparer.Ordinal);

    /// <summary>The records scanned.</summary>
    public long Records { get; private set; }

    /// <summary>True when a record scanned as an Example had feature lists (field 2): the records look like SequenceExamples.</summary>
    public bool SawFeatureLists { get; private set; }

    /// <exception cref="CliException">The record is malformed or contradicts an earlier one.</exception>
    public void Observe(ReadOnlySpan<byte> record, RecordPosition where)
    {
        try
        {
            Records++;
            if (sequence)
            {
                var reader = new SequenceExampleReader(record);
                foreach (FeatureReader feature in reader.Context)
                {
                    Find(_features, feature.GetKeyString()).Observe(feature, where);
                }

                foreach (FeatureListReader featureList in reader.FeatureLists)
                {
                    Find(_featureLists, featureList.GetKeyString()).Observe(featureList, where);
                }
            }
            else
            {
                foreach (FeatureReader feature in new ExampleReader(record))
                {
                    Find(_features, feature.GetKeyString()).Observe(feature, where);
                }

                SawFeatureLists |= new SequenceExampleReader(record).FeatureLists.EnumerateEntries().MoveNext();
            }
        }
        catch (ExampleFormatException exception)
        {
            throw new CliException($"{where} is not a tensorflow.{(sequence ? "SequenceExample" : "Example")}: {exception.Message}", exception);
        }
    }

    /// <summary>The members, context features then feature lists, each sorted by key; keys that cannot be declared go to <paramref name="notes"/>.</summary>
    public IReadOnlyList<InferredFeature> Infer(string typeName, List<string> notes)
    {
        var members = new List<(string Key, FeatureDType DType, bool IsText, bool IsList, int[] Shape, bool IsOptional, bool IsFeatureList)>();
        foreach (ObservedFeature feature in _features.Values.OrderBy(f => f.Key, FeatureKeyComparer.Instance))
        {
            if (feature.Kind == FeatureKind.None)
            {
                notes.Add($"{DeclarationWriter.Literal(feature.Key)} holds no value in any record: left out.");
                continue;
            }

            int count = feature.MinCount == feature.MaxCount ? feature.MinCount : 0;
            members.Add((feature.Key, DTypeOf(feature.Kind), feature.AllText, count != 1, count > 1 ? [count] : [], feature.Records < Records, false));
        }

        foreach (ObservedFeature list in _featureLists.Values.OrderBy(f => f.Key, FeatureKeyComparer.Instance))
        {
            if (list.Kind == FeatureKind.None)
            {
                notes.Add($"feature list {DeclarationWriter.Literal(list.Key)} holds no value in any record: left out.");
                continue;
            }

            if (list.MinCount != list.MaxCount || list.MinCount == 0)
            {
                notes.Add($"feature list {DeclarationWriter.Literal(list.Key)} has steps of {list.MinCount} to {list.MaxCount} values; a declared feature list needs the same number in every step: left out.");
                continue;
            }

            members.Add((list.Key, DTypeOf(list.Kind), list.AllText, list.MinCount > 1, list.MinCount > 1 ? [list.MinCount] : [], list.Records < Records, true));
        }

        string[] names = MemberNames.Assign([.. members.Select(m => m.Key)], typeName);
        if (!sequence)
        {
            var declared = members.Select((m, i) => (m.Key, Name: names[i])).ToDictionary(m => m.Key, m => m.Name, StringComparer.Ordinal);
            notes.AddRange(ImageLayoutNotes.For(_features, key => declared.GetValueOrDefault(key)));
        }

        return [.. members.Select((m, i) => new InferredFeature(m.Key, names[i], m.DType, m.IsText, m.IsList, m.Shape, m.IsOptional, m.IsFeatureList))];
    }

    private static ObservedFeature Find(Dictionary<string, ObservedFeature> features, string key)
    {
        if (!features.TryGetValue(key, out ObservedFeature? feature))
        {
            feature = new ObservedFeature(key);
            features.Add(key, feature);
        }

        return feature;
    }

    private static FeatureDType DTypeOf(FeatureKind kind) => kind switch
    {
        FeatureKind.Int64List => FeatureDType.Int64,
        FeatureKind.FloatList => FeatureDType.Float32,
        _ => FeatureDType.String,
    };
}
