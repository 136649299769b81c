using System.Collections.Immutable;
using SchemaGen.Examples;

namespace SchemaGen.Schema;

/// <summary>
/// The features of a <see cref="TfExampleAttribute"/> (or <see cref="TfSequenceExampleAttribute"/>) type as
/// TensorFlow parses them: generated as <c>T.Schema</c>, printed as the Python <c>tf.io</c> feature spec by
/// <see cref="ToPython"/>, and stored in <c>dataset_info.json</c> by <see cref="ToJson"/>.
/// </summary>
/// <remarks>Features are kept sorted by key (UTF-8 byte order), the order in which they are written.</remarks>
public sealed class ExampleSchema : IEquatable<ExampleSchema>
{
    /// <summary>Creates a schema.</summary>
    /// <param name="name">The schema's name (the C# type's name).</param>
    /// <param name="kind">Which message the schema describes.</param>
    /// <param name="features">The features, in any order.</param>
    /// <exception cref="ArgumentException">
    /// A key repeats (among the context features or among the feature lists), or an Example holds a feature list.
    /// </exception>
    public ExampleSchema(string name, ExampleSchemaKind kind, IEnumerable<FeatureSpec> features)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(features);
        Name = name;
        Kind = kind;
        FeatureSpec[] sorted = [.. features];
        Array.Sort(sorted, static (a, b) =>
        {
            int bySection = (a.Kind == FeatureSpecKind.FixedLenSequence).CompareTo(b.Kind == FeatureSpecKind.FixedLenSequence);
            return bySection != 0 ? bySection : FeatureKeyComparer.Instance.Compare(a.Key, b.Key);
        });
        for (int i = 0; i < sorted.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(sorted[i], nameof(features));
            if (kind == ExampleSchemaKind.Example && sorted[i].Kind == FeatureSpecKind.FixedLenSequence)
            {
                throw new ArgumentException($"Feature '{sorted[i].Key}': an Example has no feature lists; use ExampleSchemaKind.SequenceExample.", nameof(features));
            }

            if (i > 0 && sorted[i].Key == sorted[i - 1].Key && (sorted[i].Kind == FeatureSpecKind.FixedLenSequence) == (sorted[i - 1].Kind == FeatureSpecKind.FixedLenSequence))
            {
                throw new ArgumentException($"Feature key '{sorted[i].Key}' appears twice.", nameof(features));
            }
        }

        Features = [.. sorted];
    }

    /// <summary>The schema's name (the C# type's name).</summary>
    public string Name { get; }

    /// <summary>Which message the schema describes.</summary>
    public ExampleSchemaKind Kind { get; }

    /// <summary>
    /// The features sorted by key: for a SequenceExample, the context features first, then the feature lists
    /// (<see cref="FeatureSpecKind.FixedLenSequence"/>).
    /// </summary>
    public ImmutableArray<FeatureSpec> Features { get; }

    /// <summary>Finds a feature (a context feature first, for a SequenceExample) by key.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The feature, or null.</returns>
    public FeatureSpec? Find(string key)
    {
        foreach (FeatureSpec feature in Features)
        {
            if (feature.Key == key)
            {
                return feature;
            }
        }

        return null;
    }

    /// <summary>
    /// The Python that parses the same records in TensorFlow: the <c>tf.io</c> feature dict(s) and a <c>parse</c>
    /// function, with the <c>decode_raw</c>/<c>reshape</c> lines of raw uint8 features.
    /// </summary>
    /// <returns>Python source (TensorFlow 2), ending with a newline.</returns>
    /// <remarks>
    /// An optional feature (a nullable member) becomes a <c>tf.io.VarLenFeature</c>, TensorFlow's way to accept a
    /// missing feature without a default; feature lists allow missing (an empty sequence).
    /// </remarks>
    public string ToPython() => SchemaPython.Write(this);

    /// <summary>
    /// The schema as JSON, the form <c>dataset_info.json</c> stores (indented, stable: the same schema always gives
    /// the same text).
    /// </summary>
    /// <returns>
    /// <c>{"name": …, "kind": "example"|"sequence_example", "features": [{"key", "dtype": "int64"|"float32"|"string",
    /// "kind": "fixed_len"|"var_len"|"fixed_len_sequence", "shape": [..], "decode_raw_shape"?: [..],
    /// "optional"?: true, "default"?: [..]}]}</c>. Float defaults that are not finite are the strings
    /// <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>.
    /// </returns>
    public string ToJson() => SchemaJson.Write(this);

    /// <summary>Reads a schema written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The schema.</returns>
    /// <exception cref="FormatException">The text is not a schema: the message says what is wrong and where.</exception>
    public static ExampleSchema FromJson(string json) => SchemaJson.Read(json);

    /// <inheritdoc/>
    public bool Equals(ExampleSchema? other) =>
        other is not null && Name == other.Name && Kind == other.Kind && Features.SequenceEqual(other.Features);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ExampleSchema);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Kind, Features.Length);

    /// <summary>The name and the features, one per line.</summary>
    /// <returns>A description.</returns>
    public override string ToString() => $"{Name} ({Kind}){Environment.NewLine}  {string.Join(Environment.NewLine + "  ", Features)}";
}
