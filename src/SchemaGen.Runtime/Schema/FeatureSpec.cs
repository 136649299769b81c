using System.Collections.Immutable;

namespace SchemaGen.Schema;

/// <summary>
/// One feature of an <see cref="ExampleSchema"/>: its key and how TensorFlow parses it (dtype, kind, shape, default),
/// plus the raw-uint8 decoding of a bytes feature that holds a fixed-size tensor (the CIFAR image layout).
/// </summary>
/// <remarks>Immutable; equal specs describe the same feature.</remarks>
public sealed class FeatureSpec : IEquatable<FeatureSpec>
{
    /// <summary>Creates a feature spec.</summary>
    /// <param name="key">The feature key.</param>
    /// <param name="dtype">The TensorFlow data type.</param>
    /// <param name="kind">How TensorFlow parses the feature.</param>
    /// <param name="shape">The shape of the values (of each step, for a feature list); null or empty for a scalar.</param>
    /// <param name="decodeRawShape">
    /// For a <see cref="FeatureDType.String"/> scalar holding one raw uint8 tensor: its shape (<c>decode_raw</c> then
    /// <c>reshape</c>); null otherwise.
    /// </param>
    /// <param name="isOptional">True when the feature may be missing without a default (a nullable member).</param>
    /// <param name="defaultValue">
    /// The default of a <see cref="FeatureSpecKind.FixedLen"/> feature: a <c>long[]</c>, <c>float[]</c> or
    /// <c>string[]</c> (matching <paramref name="dtype"/>) of the shape's element count; null for none.
    /// </param>
    /// <exception cref="ArgumentException">The combination is not one TensorFlow can parse.</exception>
    public FeatureSpec(string key, FeatureDType dtype, FeatureSpecKind kind, int[]? shape = null, int[]? decodeRawShape = null, bool isOptional = false, Array? defaultValue = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        Key = key;
        DType = dtype;
        Kind = kind;
        Shape = ToDimensions(shape, nameof(shape));
        DecodeRawShape = ToDimensions(decodeRawShape, nameof(decodeRawShape));
        IsOptional = isOptional;
        ElementCount = Product(Shape);

        if (kind == FeatureSpecKind.VarLen && !Shape.IsEmpty)
        {
            throw new ArgumentException($"Feature '{key}': a VarLen feature has no shape.", nameof(shape));
        }

        if (!DecodeRawShape.IsEmpty && (dtype != FeatureDType.String || !Shape.IsEmpty || kind == FeatureSpecKind.VarLen))
        {
            throw new ArgumentException($"Feature '{key}': only a scalar string feature can hold a raw uint8 tensor.", nameof(decodeRawShape));
        }

        if (defaultValue is not null)
        {
            if (kind != FeatureSpecKind.FixedLen || isOptional)
            {
                throw new ArgumentException($"Feature '{key}': only a required FixedLen feature has a default value.", nameof(defaultValue));
            }

            switch (dtype, defaultValue)
            {
                case (FeatureDType.Int64, long[] values):
                    Int64Default = [.. values];
                    break;
                case (FeatureDType.Float32, float[] values):
                    FloatDefault = [.. values];
                    break;
                case (FeatureDType.String, string[] values):
                    StringDefault = [.. values];
                    break;
                default:
                    throw new ArgumentException($"Feature '{key}': a {DTypeName(dtype)} default must be a {DefaultTypeName(dtype)}.", nameof(defaultValue));
            }

            if (defaultValue.Length != ElementCount)
            {
                throw new ArgumentException($"Feature '{key}': the default has {defaultValue.Length} values, the shape [{string.Join(",", Shape)}] needs {ElementCount}.", nameof(defaultValue));
            }
        }
    }

    /// <summary>The feature key.</summary>
    public string Key { get; }

    /// <summary>The TensorFlow data type.</summary>
    public FeatureDType DType { get; }

    /// <summary>How TensorFlow parses the feature.</summary>
    public FeatureSpecKind Kind { get; }

    /// <summary>The shape of the values (of each step, for a feature list); empty for a scalar or a VarLen feature.</summary>
    public ImmutableArray<int> Shape { get; }

    /// <summary>Number of values the shape holds: the product of its dimensions (1 for a scalar).</summary>
    public int ElementCount { get; }

    /// <summary>The shape of the raw uint8 tensor a scalar bytes value holds; empty when the value is not decoded that way.</summary>
    public ImmutableArray<int> DecodeRawShape { get; }

    /// <summary>True when the bytes value is a raw uint8 tensor of <see cref="DecodeRawShape"/>.</summary>
    public bool IsDecodedRaw => !DecodeRawShape.IsEmpty;

    /// <summary>True when the feature may be missing (a nullable member): missing reads as null.</summary>
    public bool IsOptional { get; }

    /// <summary>True when a missing feature takes a default value.</summary>
    public bool HasDefault => !Int64Default.IsDefault || !FloatDefault.IsDefault || !StringDefault.IsDefault;

    /// <summary>The default of an <see cref="FeatureDType.Int64"/> feature; a default (uninitialized) array when none.</summary>
    public ImmutableArray<long> Int64Default { get; }

    /// <summary>The default of a <see cref="FeatureDType.Float32"/> feature; a default (uninitialized) array when none.</summary>
    public ImmutableArray<float> FloatDefault { get; }

    /// <summary>The default of a <see cref="FeatureDType.String"/> feature; a default (uninitialized) array when none.</summary>
    public ImmutableArray<string> StringDefault { get; }

    /// <summary>TensorFlow's name of a data type, as its error messages print it: <c>int64</c>, <c>float</c>, <c>string</c>.</summary>
    /// <param name="dtype">The data type.</param>
    /// <returns>The name.</returns>
    public static string DTypeName(FeatureDType dtype) => dtype switch
    {
        FeatureDType.Int64 => "int64",
        FeatureDType.Float32 => "float",
        FeatureDType.String => "string",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    /// <inheritdoc/>
    public bool Equals(FeatureSpec? other) =>
        other is not null
        && Key == other.Key
        && DType == other.DType
        && Kind == other.Kind
        && IsOptional == other.IsOptional
        && Shape.SequenceEqual(other.Shape)
        && DecodeRawShape.SequenceEqual(other.DecodeRawShape)
        && DefaultsEqual(Int64Default, other.Int64Default)
        && DefaultsEqual(FloatDefault, other.FloatDefault, (a, b) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b))
        && DefaultsEqual(StringDefault, other.StringDefault);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FeatureSpec);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Key, DType, Kind, IsOptional, ElementCount, DecodeRawShape.Length);

    /// <summary>The key, dtype, kind and shape, e.g. <c>image: string FixedLen [] (raw uint8 [32,32,3])</c>.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() =>
        $"{Key}: {DTypeName(DType)} {Kind} [{string.Join(",", Shape)}]"
        + (IsDecodedRaw ? $" (raw uint8 [{string.Join(",", DecodeRawShape)}])" : "")
        + (IsOptional ? " optional" : "");

    private static ImmutableArray<int> ToDimensions(int[]? dimensions, string parameter)
    {
        if (dimensions is null)
        {
            return ImmutableArray<int>.Empty;
        }

        foreach (int dimension in dimensions)
        {
            if (dimension <= 0)
            {
                throw new ArgumentException($"Shape dimensions must be positive: [{string.Join(",", dimensions)}].", parameter);
            }
        }

        return [.. dimensions];
    }

    private static int Product(ImmutableArray<int> shape)
    {
        int product = 1;
        foreach (int dimension in shape)
        {
            product = checked(product * dimension);
        }

        return product;
    }

    private static string DefaultTypeName(FeatureDType dtype) => dtype switch
    {
        FeatureDType.Int64 => "long[]",
        FeatureDType.Float32 => "float[]",
        _ => "string[]",
    };

    private static bool DefaultsEqual<T>(ImmutableArray<T> a, ImmutableArray<T> b, Func<T, T, bool>? equal = null)
    {
        if (a.IsDefault || b.IsDefault)
        {
            return a.IsDefault == b.IsDefault;
        }

        if (a.Length != b.Length)
        {
            return false;
        }

        for (int i = 0; i < a.Length; i++)
        {
            if (equal is null ? !EqualityComparer<T>.Default.Equals(a[i], b[i]) : !equal(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }
}
