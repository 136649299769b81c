using System.Linq;
using System.Text;
using SchemaGen.Generator.Model;

namespace SchemaGen.Generator;

/// <summary>The schema: one FeatureSpec per member, as TensorFlow parses the feature.</summary>
internal static partial class Emitter
{
    private static void EmitSchema(IndentedWriter w, TypeToGenerate type)
    {
        string kind = type.IsSequence ? "SequenceExample" : "Example";
        w.Line($"/// <summary>The features of <see cref=\"{type.Name}\"/> as TensorFlow parses them.</summary>");
        w.Line($"public static global::SchemaGen.Schema.ExampleSchema Schema {{ get; }} = new global::SchemaGen.Schema.ExampleSchema(");
        w.Line($"    {Literal(type.Name)},");
        w.Line($"    global::SchemaGen.Schema.ExampleSchemaKind.{kind},");
        w.Line($"    new global::SchemaGen.Schema.FeatureSpec[] {{ {string.Join(", ", type.Features.Select(f => "TfSchema." + f.MemberName))} }});");
        w.Line();
        w.Line($"/// <summary>The feature specs, one per member, and the defaults of fixed-shape lists.</summary>");
        using (w.Block("private static class TfSchema"))
        {
            foreach (FeatureToGenerate f in type.Features)
            {
                w.Line($"public static readonly global::SchemaGen.Schema.FeatureSpec {f.MemberName} = {SpecExpression(f)};");
            }

            // The batch copies these into a row that lacks the feature.
            foreach (FeatureToGenerate f in type.Features.Where(f => f.Column.Missing == ColumnMissing.DefaultValues))
            {
                w.Line($"public static readonly {f.ElementType}[] {f.MemberName}Default = {DefaultArray(f)};");
            }
        }

        w.Line();
    }

    private static string SpecExpression(FeatureToGenerate f)
    {
        var spec = new StringBuilder($"new global::SchemaGen.Schema.FeatureSpec({Literal(f.Key)}, global::SchemaGen.Schema.FeatureDType.{DType(f)}, global::SchemaGen.Schema.FeatureSpecKind.{SpecKind(f)}");
        if (f.Form == FeatureForm.FixedList || (f.Form == FeatureForm.Sequence && f.StepContainer != ContainerKind.None))
        {
            spec.Append($", shape: new int[] {{ {string.Join(", ", f.Shape)} }}");
        }

        if (f.Form == FeatureForm.Raw)
        {
            spec.Append($", decodeRawShape: new int[] {{ {string.Join(", ", f.Shape)} }}");
        }

        if (f.IsOptional)
        {
            spec.Append(", isOptional: true");
        }

        if (f.DefaultValues.Count > 0)
        {
            spec.Append($", defaultValue: new {SpecElement(f)}[] {{ {string.Join(", ", f.DefaultValues.Select(v => SpecLiteral(f, v)))} }}");
        }

        return spec.Append(')').ToString();
    }

    private static string DType(FeatureToGenerate f) => f.Element switch
    {
        ElementKind.Integer or ElementKind.Boolean or ElementKind.Enum => "Int64",
        ElementKind.Float or ElementKind.Double => "Float32",
        _ => "String",
    };

    private static string SpecKind(FeatureToGenerate f) => f.Form switch
    {
        FeatureForm.VarList => "VarLen",
        FeatureForm.Sequence => "FixedLenSequence",
        _ => "FixedLen",
    };

    /// <summary>The element type of the spec's default array: what TensorFlow's dtype holds.</summary>
    private static string SpecElement(FeatureToGenerate f) => f.Element switch
    {
        ElementKind.Integer or ElementKind.Boolean or ElementKind.Enum => "long",
        ElementKind.Float or ElementKind.Double => "float",
        _ => "string",
    };

    /// <summary>A default value as a literal of the spec's array type (long, float, string).</summary>
    private static string SpecLiteral(FeatureToGenerate f, string value) => f.Element switch
    {
        ElementKind.Boolean => value == "true" ? "1L" : "0L",
        ElementKind.Integer or ElementKind.Enum => value + "L",
        ElementKind.Float or ElementKind.Double => FloatLiteral(value),
        _ => Literal(value),
    };
}
