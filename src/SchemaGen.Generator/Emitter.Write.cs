using System;
using System.Linq;
using SchemaGen.Generator.Model;

namespace SchemaGen.Generator;

/// <summary>
/// Writing: the public write methods, a pass that measures the message and checks each member (nulls, shapes), and a
/// pass that writes what was measured. Every write measures first, so each check runs once per write.
/// </summary>
internal static partial class Emitter
{
    private static void EmitWriting(IndentedWriter w, TypeToGenerate type)
    {
        if (type.IsSequence)
        {
            EmitSequenceWriteMethods(w, type);
        }
        else
        {
            EmitExampleWriteMethods(w, type);
        }

        EmitMeasureContext(w, type);
        if (type.IsSequence)
        {
            EmitMeasureFeatureLists(w, type);
        }

        EmitWriteFeatures(w, type);
        w.Line();
    }

    private static void EmitExampleWriteMethods(IndentedWriter w, TypeToGenerate type)
    {
        const string Writer = "global::SchemaGen.Examples.ExampleWriter";
        w.Line("/// <inheritdoc/>");
        w.Line($"public int GetSerializedSize() => {Size}.Example(GetFeaturesLength());");
        w.Line();
        w.Line("/// <inheritdoc/>");
        using (w.Block("public int WriteTo(global::System.Span<byte> destination)"))
        {
            w.Line($"var writer = new {Writer}(destination, GetFeaturesLength());");
            w.Line("WriteFeatures(ref writer);");
            w.Line("return writer.Complete();");
        }

        w.Line();
        w.Line("/// <inheritdoc/>");
        using (w.Block("public void WriteTo(global::System.Buffers.IBufferWriter<byte> output)"))
        {
            w.Line($"var writer = new {Writer}(output, GetFeaturesLength());");
            w.Line("WriteFeatures(ref writer);");
            w.Line("writer.Complete();");
        }

        w.Line();
        w.Line("/// <inheritdoc/>");
        using (w.Block("public byte[] ToByteArray()"))
        {
            w.Line("int featuresLength = GetFeaturesLength();");
            w.Line($"var bytes = new byte[{Size}.Example(featuresLength)];");
            w.Line($"var writer = new {Writer}(bytes, featuresLength);");
            w.Line("WriteFeatures(ref writer);");
            w.Line("writer.Complete();");
            w.Line("return bytes;");
        }

        w.Line();
    }

    /// <summary>
    /// The public write methods of a SequenceExample: each measures the feature lists once, keeping each list's length
    /// on the stack for the write that follows.
    /// </summary>
    private static void EmitSequenceWriteMethods(IndentedWriter w, TypeToGenerate type)
    {
        const string Writer = "global::SchemaGen.Examples.SequenceExampleWriter";
        string listLengths = $"global::System.Span<int> listLengths = {ListLengthsBuffer(type)};";
        w.Line("/// <inheritdoc/>");
        using (w.Block("public int GetSerializedSize()"))
        {
            w.Line(listLengths);
            w.Line($"return {Size}.SequenceExample(GetContextLength(), GetFeatureListsLength(listLengths));");
        }

        w.Line();
        w.Line("/// <inheritdoc/>");
        using (w.Block("public int WriteTo(global::System.Span<byte> destination)"))
        {
            w.Line(listLengths);
            w.Line($"var writer = new {Writer}(destination, GetContextLength(), GetFeatureListsLength(listLengths));");
            w.Line("WriteFeatures(ref writer, listLengths);");
            w.Line("return writer.Complete();");
        }

        w.Line();
        w.Line("/// <inheritdoc/>");
        using (w.Block("public void WriteTo(global::System.Buffers.IBufferWriter<byte> output)"))
        {
            w.Line(listLengths);
            w.Line($"var writer = new {Writer}(output, GetContextLength(), GetFeatureListsLength(listLengths));");
            w.Line("WriteFeatures(ref writer, listLengths);");
            w.Line("writer.Complete();");
        }

        w.Line();
        w.Line("/// <inheritdoc/>");
        using (w.Block("public byte[] ToByteArray()"))
        {
            w.Line(listLengths);
            w.Line("int contextLength = GetContextLength();");
            w.Line("int featureListsLength = GetFeatureListsLength(listLengths);");
            w.Line($"var bytes = new byte[{Size}.SequenceExample(contextLength, featureListsLength)];");
            w.Line($"var writer = new {Writer}(bytes, contextLength, featureListsLength);");
            w.Line("WriteFeatures(ref writer, listLengths);");
            w.Line("writer.Complete();");
            w.Line("return bytes;");
        }

        w.Line();
    }

    /// <summary>Room for one length per feature list.</summary>
    private static string ListLengthsBuffer(TypeToGenerate type)
    {
        int lists = type.Features.Count(f => !f.IsContext);
        return lists == 0 ? "default" : $"stackalloc int[{lists}]";
    }

    /// <summary>The length of the Example's features (of a SequenceExample's context), checking each member.</summary>
    private static void EmitMeasureContext(IndentedWriter w, TypeToGenerate type)
    {
        w.Line("// Checks each member (null, shape) as it measures it: every write measures first, so WriteFeatures checks nothing again.");
        using (w.Block($"private int {(type.IsSequence ? "GetContextLength" : "GetFeaturesLength")}()"))
        {
            w.Line("int length = 0;");
            foreach (FeatureToGenerate f in type.Features.Where(f => f.IsContext))
            {
                EmitFeatureValues(w, f, values =>
                    $"length += {Size}.FeatureEntry({KeyByteCount(f)}, {FeatureSize(f, Checked(type, f, values))});");
            }

            w.Line("return length;");
        }
    }

    /// <summary>The length of the feature lists, keeping each one's, and of each list, checking each step.</summary>
    private static void EmitMeasureFeatureLists(IndentedWriter w, TypeToGenerate type)
    {
        FeatureToGenerate[] lists = type.Features.Where(f => !f.IsContext).ToArray();
        w.Line();
        w.Line("// Keeps each list's length, at its index in key order, for WriteFeatures: each list is measured and checked once per write.");
        using (w.Block("private int GetFeatureListsLength(global::System.Span<int> listLengths)"))
        {
            w.Line("int length = 0;");
            for (int i = 0; i < lists.Length; i++)
            {
                FeatureToGenerate f = lists[i];
                string index = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                EmitIfPresent(w, f, _ =>
                {
                    w.Line($"listLengths[{index}] = Get{f.MemberName}ListLength();");
                    w.Line($"length += {Size}.FeatureListEntry({KeyByteCount(f)}, listLengths[{index}]);");
                });
            }

            w.Line("return length;");
        }

        foreach (FeatureToGenerate f in lists)
        {
            w.Line();
            using (w.Block($"private int Get{f.MemberName}ListLength()"))
            {
                w.Line("int length = 0;");
                EmitSteps(w, f, values => $"length += {Size}.FeatureListStep({StepSize(f, CheckedStep(type, f, values))});");
                w.Line("return length;");
            }
        }
    }

    /// <summary>Writes what the measuring pass measured and checked, with no check of its own.</summary>
    private static void EmitWriteFeatures(IndentedWriter w, TypeToGenerate type)
    {
        w.Line();
        using (w.Block(type.IsSequence
            ? "private void WriteFeatures(ref global::SchemaGen.Examples.SequenceExampleWriter writer, scoped global::System.ReadOnlySpan<int> listLengths)"
            : "private void WriteFeatures(ref global::SchemaGen.Examples.ExampleWriter writer)"))
        {
            foreach (FeatureToGenerate f in type.Features.Where(f => f.IsContext))
            {
                EmitFeatureValues(w, f, values => WriteStatement(f, values));
            }

            FeatureToGenerate[] lists = type.Features.Where(f => !f.IsContext).ToArray();
            for (int i = 0; i < lists.Length; i++)
            {
                FeatureToGenerate f = lists[i];
                string index = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                EmitIfPresent(w, f, _ =>
                {
                    w.Line($"writer.BeginFeatureList({Key(f)}, listLengths[{index}]);");
                    EmitSteps(w, f, values => WriteStepStatement(f, values));
                });
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="line"/> for a context feature's values, inside its null check: the value itself, the
    /// bytes of a raw one, or a span over a list (a read-only list's through a pooled span).
    /// </summary>
    private static void EmitFeatureValues(IndentedWriter w, FeatureToGenerate f, Func<string, string> line) =>
        EmitIfPresent(w, f, value =>
        {
            switch (f.Form)
            {
                case FeatureForm.Scalar:
                    w.Line(line(value));
                    break;
                case FeatureForm.Raw:
                    w.Line(line(f.Element == ElementKind.Memory ? $"{value}.Span" : value));
                    break;
                default:
                    EmitSpan(w, f.Container, f.ElementType, value, Camel(f.MemberName) + "Span", line);
                    break;
            }
        });

    /// <summary>Runs <paramref name="body"/> for the member's value, inside a null check when the feature is optional.</summary>
    private static void EmitIfPresent(IndentedWriter w, FeatureToGenerate f, Action<string> body)
    {
        string access = $"this.{Id(f.MemberName)}";
        if (!f.IsOptional)
        {
            body(access);
            return;
        }

        using (w.Block($"if ({access} is not null)"))
        {
            body(f.IsNullableValueType ? $"{access}.GetValueOrDefault()" : access);
        }
    }

    /// <summary>Writes <paramref name="line"/> with a span over a list: an array directly, a read-only list through a pooled span.</summary>
    private static void EmitSpan(IndentedWriter w, ContainerKind container, string elementType, string list, string local, Func<string, string> line)
    {
        if (container == ContainerKind.Array)
        {
            w.Line(line($"new {Span}<{elementType}>({list})"));
            return;
        }

        using (w.Block())
        {
            w.Line($"using global::SchemaGen.Schema.PooledSpan<{elementType}> {local} = {Support}.AsSpan<{elementType}>({list});");
            w.Line(line($"{local}.Span"));
        }
    }

    /// <summary>Writes <paramref name="line"/> for each step of a feature list: the step itself, or a span over its values.</summary>
    private static void EmitSteps(IndentedWriter w, FeatureToGenerate f, Func<string, string> line)
    {
        string stepType = StepType(f);
        string local = Camel(f.MemberName) + "Steps";
        using (w.Block())
        {
            if (f.Container == ContainerKind.Array)
            {
                w.Line($"{Span}<{stepType}> {local} = this.{Id(f.MemberName)};");
            }
            else
            {
                w.Line($"using global::SchemaGen.Schema.PooledSpan<{stepType}> {local}Pool = {Support}.AsSpan<{stepType}>(this.{Id(f.MemberName)});");
                w.Line($"{Span}<{stepType}> {local} = {local}Pool.Span;");
            }

            using (w.Block($"foreach ({stepType} step in {local})"))
            {
                if (f.StepContainer == ContainerKind.None)
                {
                    w.Line(line("step"));
                }
                else
                {
                    EmitSpan(w, f.StepContainer, f.ElementType, "step", "stepSpan", line);
                }
            }
        }
    }

    /// <summary>A context feature's values with the member's checks: a string or byte[] not null, a shape's exact count.</summary>
    private static string Checked(TypeToGenerate type, FeatureToGenerate f, string values) => f.Form switch
    {
        FeatureForm.Scalar => Required(type, f, values),
        FeatureForm.Raw => $"{Support}.Exactly<byte>({Required(type, f, values)}, {f.ElementCount}, {MemberLiteral(type, f)})",
        FeatureForm.FixedList => $"{Support}.Exactly<{f.ElementType}>({values}, {f.ElementCount}, {MemberLiteral(type, f)})",
        _ => values,
    };

    /// <summary>A step's values with the member's checks: a string or byte[] step not null, a list step of exactly the shape's count.</summary>
    private static string CheckedStep(TypeToGenerate type, FeatureToGenerate f, string values) => f.StepContainer == ContainerKind.None
        ? (f.Element is ElementKind.String or ElementKind.Bytes ? $"{Support}.Required({values}, {MemberLiteral(type, f)})" : values)
        : $"{Support}.Exactly<{f.ElementType}>({values}, {f.ElementCount}, {MemberLiteral(type, f)})";

    /// <summary>A string or byte[] value checked for null, unless the feature is optional (then it was checked already).</summary>
    private static string Required(TypeToGenerate type, FeatureToGenerate f, string value) =>
        f.Element is ElementKind.String or ElementKind.Bytes && !f.IsOptional ? $"{Support}.Required({value}, {MemberLiteral(type, f)})" : value;

    private static string FeatureSize(FeatureToGenerate f, string values) => f.Form switch
    {
        FeatureForm.Scalar => ScalarSize(f, values),
        FeatureForm.Raw => $"{Size}.BytesFeature({values}.Length)",
        _ => ListSize(f, values),
    };

    private static string StepSize(FeatureToGenerate f, string values) =>
        f.StepContainer == ContainerKind.None ? ScalarSize(f, values) : ListSize(f, values);

    private static string ScalarSize(FeatureToGenerate f, string value) => f.Element switch
    {
        ElementKind.Integer or ElementKind.Boolean or ElementKind.Enum => $"{Size}.Int64Feature({AsInt64(f, value)})",
        ElementKind.Float or ElementKind.Double => $"{Size}.FloatListFeature(1)",
        ElementKind.String => $"{Size}.StringFeature({value})",
        _ => $"{Size}.BytesFeature({value}.Length)",
    };

    private static string ListSize(FeatureToGenerate f, string span) => f.Element switch
    {
        ElementKind.Integer or ElementKind.Boolean or ElementKind.Enum => Int64Type(f) == "long"
            ? $"{Size}.Int64ListFeature({Int64Span(f, span)})"
            : $"{Support}.Int64ListFeature<{Int64Type(f)}>({Int64Span(f, span)})",
        ElementKind.Float or ElementKind.Double => $"{Size}.FloatListFeature({span}.Length)",
        ElementKind.String => $"{Size}.StringListFeature({span})",
        _ => $"{Size}.BytesListFeature({span})",
    };

    private static string WriteStatement(FeatureToGenerate f, string values) => (f.Form, f.Element) switch
    {
        (FeatureForm.Scalar, ElementKind.Integer or ElementKind.Boolean or ElementKind.Enum) => $"writer.WriteInt64({Key(f)}, {AsInt64(f, values)});",
        (FeatureForm.Scalar, ElementKind.Float) => $"writer.WriteFloat({Key(f)}, {values});",
        (FeatureForm.Scalar, ElementKind.Double) => $"writer.WriteFloat({Key(f)}, (float){values});",
        (FeatureForm.Scalar, ElementKind.String) => $"writer.WriteString({Key(f)}, {values});",
        (FeatureForm.Scalar, ElementKind.Memory) => $"writer.WriteBytes({Key(f)}, {values}.Span);",
        (FeatureForm.Scalar or FeatureForm.Raw, _) => $"writer.WriteBytes({Key(f)}, {values});",
        (_, ElementKind.Integer or ElementKind.Boolean or ElementKind.Enum) => Int64Type(f) == "long"
            ? $"writer.WriteInt64List({Key(f)}, {Int64Span(f, values)});"
            : $"{Support}.WriteInt64List<{Int64Type(f)}>(ref writer, {Key(f)}, {Int64Span(f, values)});",
        (_, ElementKind.Float) => $"writer.WriteFloatList({Key(f)}, {values});",
        (_, ElementKind.Double) => $"{Support}.WriteFloatList(ref writer, {Key(f)}, {values});",
        (_, ElementKind.String) => $"writer.WriteStringList({Key(f)}, {values});",
        _ => $"writer.WriteBytesList({Key(f)}, {values});",
    };

    private static string WriteStepStatement(FeatureToGenerate f, string values) => (f.StepContainer, f.Element) switch
    {
        (ContainerKind.None, ElementKind.Integer or ElementKind.Boolean or ElementKind.Enum) => $"writer.WriteInt64Step({AsInt64(f, values)});",
        (ContainerKind.None, ElementKind.Float) => $"writer.WriteFloatStep({values});",
        (ContainerKind.None, ElementKind.Double) => $"writer.WriteFloatStep((float){values});",
        (ContainerKind.None, ElementKind.String) => $"writer.WriteStringStep({values});",
        (ContainerKind.None, ElementKind.Bytes) => $"writer.WriteBytesStep({values});",
        (ContainerKind.None, _) => $"writer.WriteBytesStep({values}.Span);",
        (_, ElementKind.Integer or ElementKind.Boolean or ElementKind.Enum) => Int64Type(f) == "long"
            ? $"writer.WriteInt64ListStep({Int64Span(f, values)});"
            : $"{Support}.WriteInt64ListStep<{Int64Type(f)}>(ref writer, {Int64Span(f, values)});",
        (_, ElementKind.Float) => $"writer.WriteFloatListStep({values});",
        (_, ElementKind.Double) => $"{Support}.WriteFloatListStep(ref writer, {values});",
        (_, ElementKind.String) => $"writer.WriteStringListStep({values});",
        _ => $"writer.WriteBytesListStep({values});",
    };

    /// <summary>The integer type a list of integers is written from: bools as bytes (0 or 1), enums as their underlying type.</summary>
    private static string Int64Type(FeatureToGenerate f) => f.Element == ElementKind.Boolean ? "byte" : f.IntegerType;

    /// <summary>A span of <see cref="Int64Type"/> over a list's span: bools and enums reinterpreted, integers as they are.</summary>
    private static string Int64Span(FeatureToGenerate f, string span) => f.Element switch
    {
        ElementKind.Boolean => $"{Cast}<bool, byte>({span})",
        ElementKind.Enum => $"{Cast}<{f.ElementType}, {f.IntegerType}>({span})",
        _ => span,
    };

    private static string AsInt64(FeatureToGenerate f, string value) => f.Element switch
    {
        ElementKind.Boolean => $"({value} ? 1L : 0L)",
        ElementKind.Integer when f.IntegerType == "long" => value,
        _ => $"(long){value}",
    };
}
