using System.Linq;
using SchemaGen.Generator.Model;

namespace SchemaGen.Generator;

/// <summary>Parsing into a new value: each feature read with TensorFlow's checks (data type, value count), then the type constructed.</summary>
internal static partial class Emitter
{
    private const string FeatureReader = "global::SchemaGen.Examples.FeatureReader";
    private const string ParseError = "global::SchemaGen.Schema.ExampleParseError";
    private const string MaybeNullWhenFalse = "[global::System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)]";

    /// <summary>Parse and TryParse, over a TryRead that reads each feature as TensorFlow would and reports the first mismatch.</summary>
    private static void EmitParsing(IndentedWriter w, TypeToGenerate type)
    {
        string t = type.FullyQualifiedName;
        w.Line("/// <inheritdoc/>");
        using (w.Block($"public static {t} Parse(global::System.ReadOnlySpan<byte> data)"))
        {
            using (w.Block($"if (!TryRead(data, 0, out {t}{(type.IsValueType ? "" : "?")} value, out {ParseError} error))"))
            {
                w.Line($"{Support}.Throw(error);");
            }

            w.Line();
            w.Line("return value;");
        }

        w.Line();
        w.Line("/// <inheritdoc/>");
        using (w.Block($"public static bool TryParse(global::System.ReadOnlySpan<byte> data, {MaybeNullWhenFalse} out {t} value, out {ParseError} error)"))
        {
            using (w.Block("try"))
            {
                w.Line("return TryRead(data, 0, out value, out error);");
            }

            using (w.Block("catch (global::SchemaGen.Examples.ExampleFormatException exception)"))
            {
                w.Line("value = default;");
                w.Line($"error = {ParseError}.Malformed(exception, 0);");
                w.Line("return false;");
            }
        }

        w.Line();
        EmitTryRead(w, type);
        w.Line();
    }

    /// <summary>Reads every feature into a local, then constructs the type from them.</summary>
    private static void EmitTryRead(IndentedWriter w, TypeToGenerate type)
    {
        using (w.Block($"private static bool TryRead(global::System.ReadOnlySpan<byte> data, int index, {MaybeNullWhenFalse} out {type.FullyQualifiedName} value, out {ParseError} error)"))
        {
            w.Line("value = default;");
            EmitEntryWalk(w, type);
            foreach (FeatureToGenerate f in type.Features)
            {
                w.Line($"{f.MemberType} {Camel(f.MemberName)}Value;");
                if (f.IsContext)
                {
                    EmitReadFeature(w, f);
                }
                else
                {
                    EmitReadFeatureList(w, f);
                }
            }

            w.Line();
            w.Line($"value = {Construction(type, f => Camel(f.MemberName) + "Value")};");
            w.Line("error = default;");
            w.Line("return true;");
        }
    }

    /// <summary>Finds each known key's last entry in one walk over the map(s); unknown keys are skipped.</summary>
    private static void EmitEntryWalk(IndentedWriter w, TypeToGenerate type)
    {
        if (type.IsSequence)
        {
            w.Line("var sequence = new global::SchemaGen.Examples.SequenceExampleReader(data);");
            w.Line("global::SchemaGen.Examples.FeatureMapReader features = sequence.Context;");
            w.Line("global::SchemaGen.Examples.FeatureListMapReader featureLists = sequence.FeatureLists;");
        }
        else
        {
            w.Line("global::SchemaGen.Examples.FeatureMapReader features = new global::SchemaGen.Examples.ExampleReader(data).Features;");
        }

        EmitWalk(w, type.Features.Where(f => f.IsContext).ToArray(), "features", "entries");
        if (type.IsSequence)
        {
            EmitWalk(w, type.Features.Where(f => !f.IsContext).ToArray(), "featureLists", "listEntries");
        }

        w.Line();
    }

    private static void EmitWalk(IndentedWriter w, FeatureToGenerate[] features, string map, string entries)
    {
        foreach (FeatureToGenerate f in features)
        {
            w.Line($"global::SchemaGen.Examples.FeatureEntry {Camel(f.MemberName)}Entry = default;");
        }

        if (features.Length == 0)
        {
            return;
        }

        w.Line($"global::SchemaGen.Examples.FeatureEntryEnumerator {entries} = {map}.EnumerateEntries();");
        using (w.Block($"while ({entries}.MoveNext())"))
        {
            w.Line($"global::System.ReadOnlySpan<byte> key = {entries}.CurrentKey;");
            string keyword = "if";
            foreach (FeatureToGenerate f in features)
            {
                using (w.Block($"{keyword} (global::System.MemoryExtensions.SequenceEqual(key, {Key(f)}))"))
                {
                    w.Line($"{Camel(f.MemberName)}Entry = {entries}.Current;");
                }

                keyword = "else if";
            }
        }
    }

    private static void EmitReadFeature(IndentedWriter w, FeatureToGenerate f)
    {
        string name = Camel(f.MemberName);
        using (w.Block($"if (features.TryGetFeature(in {name}Entry, out {FeatureReader} {name}Feature))"))
        {
            EmitRead(w, f, f.Form, $"{name}Feature", $"{name}Value", "index");
        }

        using (w.Block("else"))
        {
            if (f.IsOptional)
            {
                w.Line($"{name}Value = null;");
            }
            else if (f.Form == FeatureForm.VarList)
            {
                w.Line($"{name}Value = global::System.Array.Empty<{f.ElementType}>();");
            }
            else if (f.DefaultValues.Count > 0)
            {
                w.Line($"{name}Value = {(f.Form == FeatureForm.Scalar ? ValueLiteral(f, f.DefaultValues[0]) : DefaultArray(f))};");
            }
            else
            {
                w.Line($"error = {ParseError}.Missing(TfSchema.{f.MemberName}, index);");
                w.Line("return false;");
            }
        }
    }

    private static void EmitReadFeatureList(IndentedWriter w, FeatureToGenerate f)
    {
        string name = Camel(f.MemberName);
        string stepType = StepType(f);
        using (w.Block($"if ({name}Entry.Found)"))
        {
            w.Line($"global::SchemaGen.Examples.FeatureListReader {name}List = featureLists.GetFeatureList(in {name}Entry);");
            string allocation = stepType.EndsWith("[]", System.StringComparison.Ordinal)
                ? $"new {stepType.Substring(0, stepType.Length - 2)}[{name}List.Count][]"
                : $"new {stepType}[{name}List.Count]";
            w.Line($"var {name}Steps = {allocation};");
            w.Line($"int {name}Step = 0;");
            using (w.Block($"foreach ({FeatureReader} {name}StepFeature in {name}List)"))
            {
                EmitRead(w, f, f.StepContainer == ContainerKind.None ? FeatureForm.Scalar : FeatureForm.FixedList, $"{name}StepFeature", $"{name}Steps[{name}Step++]", "index");
            }

            w.Line($"{name}Value = {name}Steps;");
        }

        using (w.Block("else"))
        {
            // TensorFlow's allow_missing: a missing feature list is an empty sequence.
            w.Line(f.IsOptional ? $"{name}Value = null;" : $"{name}Value = global::System.Array.Empty<{stepType}>();");
        }
    }

    /// <summary>Reads a present feature (or step) into <paramref name="target"/>, returning false with the error on a mismatch.</summary>
    private static void EmitRead(IndentedWriter w, FeatureToGenerate f, FeatureForm form, string reader, string target, string index)
    {
        string spec = $"TfSchema.{f.MemberName}";
        string args = $"{reader}, {spec}, {index}";
        string e = f.ElementType;
        string fail = "return false;";
        using (w.Block())
        {
            switch (form)
            {
                case FeatureForm.Scalar:
                    (string declaration, string call, string result) = f.Element switch
                    {
                        ElementKind.Integer => ($"{f.IntegerType} read", $"{Support}.TryReadInt64<{f.IntegerType}>({args}, out read, out error)", "read"),
                        ElementKind.Enum => ($"{f.IntegerType} read", $"{Support}.TryReadInt64<{f.IntegerType}>({args}, out read, out error)", $"({e})read"),
                        ElementKind.Boolean => ("bool read", $"{Support}.TryReadBoolean({args}, out read, out error)", "read"),
                        ElementKind.Float or ElementKind.Double => ("float read", $"{Support}.TryReadFloat({args}, out read, out error)", "read"),
                        ElementKind.String => ("string? read", $"{Support}.TryReadString({args}, out read, out error)", "read"),
                        _ => ("byte[]? read", $"{Support}.TryReadBytes({args}, out read, out error)", "read"),
                    };
                    w.Line($"{declaration};");
                    using (w.Block($"if (!{call})"))
                    {
                        w.Line(fail);
                    }

                    w.Line($"{target} = {result};");
                    break;

                case FeatureForm.Raw:
                    w.Line($"var read = new byte[{f.ElementCount}];");
                    using (w.Block($"if (!{Support}.TryReadRaw({args}, read, out error))"))
                    {
                        w.Line(fail);
                    }

                    w.Line($"{target} = read;");
                    break;

                case FeatureForm.FixedList:
                    EmitReadList(w, f, args, reader, $"{f.ElementCount}", target);
                    break;

                default:
                    EmitReadList(w, f, args, reader, null, target);
                    break;
            }
        }
    }

    private static void EmitReadList(IndentedWriter w, FeatureToGenerate f, string args, string reader, string? count, string target)
    {
        string e = f.ElementType;
        string call;
        if (count is not null && f.Element is not (ElementKind.String or ElementKind.Bytes))
        {
            w.Line($"var read = new {e}[{count}];");
            call = FixedCall(f, args, "read");
        }
        else if (f.Element == ElementKind.Enum)
        {
            using (w.Block($"if (!{Support}.TryCheckDataType({args}, out error))"))
            {
                w.Line("return false;");
            }

            w.Line($"var read = new {e}[{reader}.Count];");
            call = FixedCall(f, args, "read");
        }
        else
        {
            string n = count ?? "-1";
            (string declaration, call) = f.Element switch
            {
                ElementKind.Integer => ($"{f.IntegerType}[]? read", $"{Support}.TryReadInt64Array<{f.IntegerType}>({args}, out read, out error)"),
                ElementKind.Boolean => ("bool[]? read", $"{Support}.TryReadBooleanArray({args}, out read, out error)"),
                ElementKind.Float => ("float[]? read", $"{Support}.TryReadFloatArray({args}, out read, out error)"),
                ElementKind.Double => ("double[]? read", $"{Support}.TryReadDoubleArray({args}, out read, out error)"),
                ElementKind.String => ("string[]? read", $"{Support}.TryReadStringArray({args}, {n}, out read, out error)"),
                _ => ("byte[][]? read", $"{Support}.TryReadBytesArray({args}, {n}, out read, out error)"),
            };
            w.Line($"{declaration};");
        }

        using (w.Block($"if (!{call})"))
        {
            w.Line("return false;");
        }

        w.Line($"{target} = read;");
    }

    /// <summary>The call that reads exactly <c>destination.Length</c> numbers into an existing buffer.</summary>
    private static string FixedCall(FeatureToGenerate f, string args, string destination) => f.Element switch
    {
        ElementKind.Integer => $"{Support}.TryReadInt64s<{f.IntegerType}>({args}, {destination}, out error)",
        ElementKind.Enum => $"{Support}.TryReadInt64s<{f.IntegerType}>({args}, {Cast}<{f.ElementType}, {f.IntegerType}>(new global::System.Span<{f.ElementType}>({destination})), out error)",
        ElementKind.Boolean => $"{Support}.TryReadBooleans({args}, {destination}, out error)",
        _ => $"{Support}.TryReadFloats({args}, new global::System.Span<{f.ElementType}>({destination}), out error)",
    };

    /// <summary>The expression that constructs the type from the features' values: its constructor, then initializers for the rest.</summary>
    private static string Construction(TypeToGenerate type, System.Func<FeatureToGenerate, string> valueOf)
    {
        var inConstructor = new System.Collections.Generic.HashSet<string>(type.ConstructorParameters.Select(p => p.MemberName));
        string arguments = string.Join(", ", type.ConstructorParameters.Select(p =>
            $"{Id(p.ParameterName)}: {(p.MemberName.Length == 0 ? "default!" : valueOf(type.Features.First(f => f.MemberName == p.MemberName)))}"));
        string[] initializers = type.Features
            .Where(f => !inConstructor.Contains(f.MemberName))
            .Select(f => $"{Id(f.MemberName)} = {valueOf(f)}")
            .ToArray();
        string construction = $"new {type.FullyQualifiedName}({arguments})";
        return initializers.Length == 0 ? construction : $"{construction} {{ {string.Join(", ", initializers)} }}";
    }
}
