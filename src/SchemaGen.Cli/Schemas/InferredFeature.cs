using SchemaGen.Schema;

namespace SchemaGen.Cli.Schemas;

/// <summary>A member of the inferred declaration: its feature and how it is declared.</summary>
/// <param name="Key">The feature key.</param>
/// <param name="MemberName">The C# member name.</param>
/// <param name="DType">The TensorFlow dtype.</param>
/// <param name="IsText">For a bytes feature: every value was text, so the member is a string.</param>
/// <param name="IsList">An Example feature: a list (with a shape: of exactly prod(shape) values). A feature list: list steps.</param>
/// <param name="Shape">The shape of a fixed-size list (of each step, for a feature list); empty otherwise.</param>
/// <param name="IsOptional">Missing from some records: the member is nullable.</param>
/// <param name="IsFeatureList">A feature list of a SequenceExample.</param>
internal sealed record InferredFeature(string Key, string MemberName, FeatureDType DType, bool IsText, bool IsList, int[] Shape, bool IsOptional, bool IsFeatureList)
{
    /// <summary>The member's C# type.</summary>
    public string CSharpType
    {
        get
        {
            string element = DType switch
            {
                FeatureDType.Int64 => "long",
                FeatureDType.Float32 => "float",
                _ => IsText ? "string" : "byte[]",
            };
            string type = IsFeatureList ? (IsList ? element + "[][]" : element + "[]") : (IsList ? element + "[]" : element);
            return IsOptional ? type + "?" : type;
        }
    }

    /// <summary>The spec the generator gives the member, as TensorFlow parses it.</summary>
    public FeatureSpec ToSpec()
    {
        FeatureSpecKind kind = IsFeatureList ? FeatureSpecKind.FixedLenSequence
            : IsList && Shape.Length == 0 ? FeatureSpecKind.VarLen
            : FeatureSpecKind.FixedLen;
        return new FeatureSpec(Key, DType, kind, Shape.Length == 0 ? null : Shape, isOptional: IsOptional);
    }
}
