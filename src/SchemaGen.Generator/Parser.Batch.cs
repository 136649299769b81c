using System.Collections.Generic;
using System.Linq;
using SchemaGen.Generator.Model;

namespace SchemaGen.Generator;

/// <summary>The batch's layout: which column holds each feature, how it is filled and read back, and which rows parse.</summary>
internal sealed partial class Parser
{
    /// <summary>Only a batch of fixed buffers can parse over a row it holds: an appending column cannot take a row back.</summary>
    private static BatchRows RowsOf(List<FeatureToGenerate> features) =>
        features.All(f => f.Column.Kind == ColumnKind.Fixed) ? BatchRows.Overwritable : BatchRows.AppendOnly;

    private static BatchColumn ColumnOf(FeatureToGenerate f)
    {
        bool isBytes = f.Element is ElementKind.String or ElementKind.Bytes or ElementKind.Memory && f.Form != FeatureForm.Raw;
        ColumnKind kind = isBytes ? ColumnKind.Bytes
            : f.Form == FeatureForm.Sequence ? ColumnKind.FeatureList
            : f.IsOptional || f.Form == FeatureForm.VarList ? ColumnKind.VarLen
            : ColumnKind.Fixed;

        // Enums in a VarLenColumn are kept as their underlying integers; raw bytes are bytes whatever holds them.
        string element = f.Form == FeatureForm.Raw ? "byte" : kind == ColumnKind.VarLen && f.Element == ElementKind.Enum ? f.IntegerType : f.ElementType;
        int width = f.Form == FeatureForm.VarList ? -1 : f.ElementCount;
        return new BatchColumn(kind, element, width, ReadOf(f, kind), MissingOf(f, kind, width), GetOf(f, kind));
    }

    private static ColumnRead ReadOf(FeatureToGenerate f, ColumnKind kind) => (kind, f.Element) switch
    {
        (ColumnKind.Bytes, _) => f.Form == FeatureForm.Sequence ? ColumnRead.BytesSteps : ColumnRead.AppendBytes,
        (ColumnKind.Fixed, _) when f.Form == FeatureForm.Raw => ColumnRead.Raw,
        (ColumnKind.Fixed, ElementKind.Integer) => ColumnRead.Int64s,
        (ColumnKind.Fixed, ElementKind.Enum) => ColumnRead.Enums,
        (ColumnKind.Fixed, ElementKind.Boolean) => ColumnRead.Booleans,
        (ColumnKind.Fixed, _) => ColumnRead.Floats,
        (ColumnKind.VarLen, _) when f.Form == FeatureForm.Raw => ColumnRead.AppendRaw,
        (ColumnKind.VarLen, ElementKind.Integer or ElementKind.Enum) => ColumnRead.AppendInt64s,
        (ColumnKind.VarLen, ElementKind.Boolean) => ColumnRead.AppendBooleans,
        (ColumnKind.VarLen, _) => ColumnRead.AppendFloats,
        (_, ElementKind.Integer) => ColumnRead.Int64Steps,
        (_, ElementKind.Enum) => ColumnRead.EnumSteps,
        (_, ElementKind.Boolean) => ColumnRead.BooleanSteps,
        _ => ColumnRead.FloatSteps,
    };

    /// <summary>TensorFlow's rules for a missing feature: optional is missing, VarLen is empty, a feature list is an empty sequence, FixedLen takes its default or fails.</summary>
    private static ColumnMissing MissingOf(FeatureToGenerate f, ColumnKind kind, int width) => kind switch
    {
        _ when f.IsOptional => ColumnMissing.AppendMissing,
        ColumnKind.FeatureList => ColumnMissing.NoSteps,
        ColumnKind.Bytes when f.Form == FeatureForm.Sequence => ColumnMissing.NoByteSteps,
        _ when f.Form == FeatureForm.VarList => ColumnMissing.AppendMissing,
        _ when f.DefaultValues.Count == 0 => ColumnMissing.Error,
        ColumnKind.Bytes => ColumnMissing.DefaultBytes,
        _ => width == 1 ? ColumnMissing.DefaultValue : ColumnMissing.DefaultValues,
    };

    private static ColumnGet GetOf(FeatureToGenerate f, ColumnKind kind)
    {
        bool single = f.Form == FeatureForm.Scalar;
        bool enumerated = f.Element == ElementKind.Enum;
        bool listSteps = f.StepContainer != ContainerKind.None;
        return kind switch
        {
            ColumnKind.Fixed => single ? ColumnGet.FixedValue : ColumnGet.FixedValues,
            ColumnKind.VarLen when single => enumerated ? ColumnGet.VarLenEnum : ColumnGet.VarLenValue,
            ColumnKind.VarLen => enumerated ? ColumnGet.VarLenEnums : ColumnGet.Values,
            ColumnKind.FeatureList => listSteps ? ColumnGet.Steps : ColumnGet.Values,
            _ when f.Form == FeatureForm.Sequence => (f.Element, listSteps) switch
            {
                (ElementKind.String, false) => ColumnGet.Strings,
                (ElementKind.String, true) => ColumnGet.StringSteps,
                (ElementKind.Memory, _) => ColumnGet.Memories,
                (_, false) => ColumnGet.BytesValues,
                _ => ColumnGet.BytesSteps,
            },
            _ when f.Element == ElementKind.String => single ? ColumnGet.String : ColumnGet.Strings,
            _ => single ? ColumnGet.Bytes : ColumnGet.BytesValues,
        };
    }
}
