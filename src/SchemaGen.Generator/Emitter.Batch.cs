using System.Linq;
using SchemaGen.Generator.Model;

namespace SchemaGen.Generator;

internal static partial class Emitter
{
    /// <summary>How a batch stores one feature.</summary>
    private enum ColumnKind
    {
        /// <summary>A buffer of capacity × prod(shape) values (numbers, or raw bytes).</summary>
        Fixed,

        /// <summary>A <c>VarLenColumn&lt;T&gt;</c>: variable-length or optional numbers (or optional raw bytes).</summary>
        VarLen,

        /// <summary>A <c>BytesListColumn</c>: strings and byte arrays (of a feature list: every step's, in order).</summary>
        Bytes,

        /// <summary>A <c>FeatureListColumn&lt;T&gt;</c>: a feature list of numbers, values plus per-row step offsets.</summary>
        FeatureList,
    }

    private static ColumnKind ColumnOf(FeatureToGenerate f) =>
        IsBytesLike(f) && f.Form != FeatureForm.Raw ? ColumnKind.Bytes
        : f.Form == FeatureForm.Sequence ? ColumnKind.FeatureList
        : f.IsOptional || f.Form == FeatureForm.VarList ? ColumnKind.VarLen
        : ColumnKind.Fixed;

    /// <summary>The element type of a numeric column: enums in a VarLenColumn are kept as their underlying integers.</summary>
    private static string ColumnElement(FeatureToGenerate f) =>
        f.Form == FeatureForm.Raw ? "byte" : f.Element == ElementKind.Enum && ColumnOf(f) == ColumnKind.VarLen ? f.IntegerType : f.ElementType;

    private static int RowWidth(FeatureToGenerate f) => f.Form is FeatureForm.Raw or FeatureForm.FixedList ? f.ElementCount : 1;

    private static void EmitBatch(IndentedWriter w, TypeToGenerate type)
    {
        string t = type.FullyQualifiedName;
        bool appendOnly = type.Features.Any(f => ColumnOf(f) != ColumnKind.Fixed);

        w.Line("/// <summary>Parses a serialized record into a row of a batch, allocating nothing.</summary>");
        w.Line($"/// <param name=\"data\">The serialized {(type.IsSequence ? "SequenceExample" : "Example")}.</param>");
        w.Line("/// <param name=\"batch\">The batch.</param>");
        w.Line("/// <param name=\"row\">The row (see <see cref=\"Batch.ParseInto\"/>).</param>");
        using (w.Block("public static void ParseInto(global::System.ReadOnlySpan<byte> data, Batch batch, int row)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(batch);");
            w.Line("batch.ParseInto(data, row);");
        }

        w.Line();
        w.Line($"/// <summary>");
        w.Line($"/// A columnar batch of <see cref=\"{type.Name}\"/> records, allocated once for a capacity and reused: each");
        w.Line($"/// fixed-size feature is one buffer of capacity × prod(shape) values, the others are columns of values and row offsets{(type.IsSequence ? "" : ".")}");
        if (type.IsSequence)
        {
            w.Line("/// (a feature list: every step's values and per-row step offsets).");
        }

        w.Line($"/// </summary>");
        w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"SchemaGen\", \"{Version}\")]");
        using (w.Block($"public sealed class Batch : global::SchemaGen.ITfExampleBatch<Batch, {t}>"))
        {
            foreach (FeatureToGenerate f in type.Features.Where(f => ColumnOf(f) == ColumnKind.Fixed))
            {
                w.Line($"private readonly {ColumnElement(f)}[] _{Camel(f.MemberName)};");
            }

            w.Line("private int _count;");
            w.Line();
            using (w.Block("private Batch(int capacity)"))
            {
                w.Line("Capacity = capacity;");
                if (!appendOnly)
                {
                    w.Line("// One row more than the capacity: an overwrite parses into it, then copies it over the row once the record fits.");
                }

                foreach (FeatureToGenerate f in type.Features)
                {
                    string name = Camel(f.MemberName);
                    w.Line(ColumnOf(f) switch
                    {
                        ColumnKind.Fixed => RowWidth(f) == 1
                            ? $"_{name} = new {ColumnElement(f)}[{(appendOnly ? "capacity" : "capacity + 1")}];"
                            : $"_{name} = new {ColumnElement(f)}[checked({(appendOnly ? "capacity" : "(capacity + 1)")} * {RowWidth(f)})];",
                        ColumnKind.VarLen => $"{Id(f.MemberName)} = new global::SchemaGen.VarLenColumn<{ColumnElement(f)}>(capacity);",
                        ColumnKind.FeatureList => f.ElementCount == 1
                            ? $"{Id(f.MemberName)} = new global::SchemaGen.FeatureListColumn<{ColumnElement(f)}>(capacity);"
                            : $"{Id(f.MemberName)} = new global::SchemaGen.FeatureListColumn<{ColumnElement(f)}>(capacity, stepWidth: {f.ElementCount});",
                        _ => $"{Id(f.MemberName)} = new global::SchemaGen.BytesListColumn(capacity);",
                    });
                }
            }

            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Line($"public static global::SchemaGen.ExampleSchema Schema => {t}.Schema;");
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Line("public int Capacity { get; }");
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Line("public int Count => _count;");
            foreach (FeatureToGenerate f in type.Features)
            {
                w.Line();
                string shape = f.Form is FeatureForm.Raw or FeatureForm.FixedList ? $"capacity, {string.Join(", ", f.Shape)}" : "capacity";
                switch (ColumnOf(f))
                {
                    case ColumnKind.Fixed:
                        w.Line($"/// <summary>Feature <c>{Xml(f.Key)}</c>: [{shape}] values, row by row; rows below <see cref=\"Count\"/> are filled.</summary>");
                        w.Line(appendOnly
                            ? $"public global::System.Span<{ColumnElement(f)}> {Id(f.MemberName)} => _{Camel(f.MemberName)};"
                            : $"public global::System.Span<{ColumnElement(f)}> {Id(f.MemberName)} => new global::System.Span<{ColumnElement(f)}>(_{Camel(f.MemberName)}, 0, {(RowWidth(f) == 1 ? "Capacity" : $"Capacity * {RowWidth(f)}")});");
                        break;
                    case ColumnKind.VarLen:
                        w.Line($"/// <summary>Feature <c>{Xml(f.Key)}</c>: each row's values and whether the row had it.</summary>");
                        w.Line($"public global::SchemaGen.VarLenColumn<{ColumnElement(f)}> {Id(f.MemberName)} {{ get; }}");
                        break;
                    case ColumnKind.FeatureList:
                        string steps = f.Shape.Count == 0 ? "steps, one value each," : $"steps of [{string.Join(", ", f.Shape)}] values";
                        w.Line($"/// <summary>Feature list <c>{Xml(f.Key)}</c>: each row's {steps} and whether the row had it.</summary>");
                        w.Line($"public global::SchemaGen.FeatureListColumn<{ColumnElement(f)}> {Id(f.MemberName)} {{ get; }}");
                        break;
                    case ColumnKind.Bytes when f.Form == FeatureForm.Sequence:
                        w.Line($"/// <summary>Feature list <c>{Xml(f.Key)}</c>: each row's steps, {f.ElementCount} byte string{(f.ElementCount == 1 ? "" : "s")} per step.</summary>");
                        w.Line($"public global::SchemaGen.BytesListColumn {Id(f.MemberName)} {{ get; }}");
                        break;
                    default:
                        w.Line($"/// <summary>Feature <c>{Xml(f.Key)}</c>: each row's byte strings.</summary>");
                        w.Line($"public global::SchemaGen.BytesListColumn {Id(f.MemberName)} {{ get; }}");
                        break;
                }
            }

            w.Line();
            w.Line("/// <inheritdoc/>");
            using (w.Block("public static Batch Create(int capacity)"))
            {
                w.Line("global::System.ArgumentOutOfRangeException.ThrowIfNegative(capacity);");
                w.Line("return new Batch(capacity);");
            }

            w.Line();
            w.Line("/// <inheritdoc/>");
            using (w.Block("public void Clear()"))
            {
                w.Line("_count = 0;");
                foreach (FeatureToGenerate f in type.Features.Where(f => ColumnOf(f) != ColumnKind.Fixed))
                {
                    w.Line($"{Id(f.MemberName)}.Clear();");
                }
            }

            w.Line();
            w.Line("/// <inheritdoc/>");
            using (w.Block("public void ParseInto(global::System.ReadOnlySpan<byte> data, int row)"))
            {
                using (w.Block($"if (!TryParseInto(data, row, out {ParseError} error))"))
                {
                    w.Line($"{Support}.Throw(error);");
                }
            }

            w.Line();
            w.Line("/// <inheritdoc/>");
            using (w.Block($"public bool TryParseInto(global::System.ReadOnlySpan<byte> data, int row, out {ParseError} error)"))
            {
                using (w.Block(appendOnly ? "if (row != _count || row >= Capacity)" : "if ((uint)row > (uint)_count || row >= Capacity)"))
                {
                    w.Line(appendOnly
                        ? "throw new global::System.ArgumentOutOfRangeException(nameof(row), row, \"Rows are appended in order: the row must be Count, below Capacity.\");"
                        : "throw new global::System.ArgumentOutOfRangeException(nameof(row), row, \"The row must be at most Count, below Capacity.\");");
                }

                if (!appendOnly)
                {
                    w.Line("int slot = row == _count ? row : Capacity;");
                }

                w.Line("bool parsed;");
                using (w.Block("try"))
                {
                    w.Line(appendOnly ? "parsed = TryParseRow(data, row, row, out error);" : "parsed = TryParseRow(data, row, slot, out error);");
                }

                using (w.Block("catch (global::SchemaGen.ExampleFormatException exception)"))
                {
                    w.Line("parsed = false;");
                    w.Line($"error = {ParseError}.Malformed(exception, row);");
                }

                using (w.Block("if (!parsed)"))
                {
                    foreach (FeatureToGenerate f in type.Features.Where(f => ColumnOf(f) != ColumnKind.Fixed))
                    {
                        w.Line($"{Id(f.MemberName)}.Truncate(row);");
                    }

                    w.Line("return false;");
                }

                if (appendOnly)
                {
                    w.Line("_count++;");
                }
                else
                {
                    using (w.Block("if (slot == row)"))
                    {
                        w.Line("_count++;");
                    }

                    using (w.Block("else"))
                    {
                        foreach (FeatureToGenerate f in type.Features)
                        {
                            string name = Camel(f.MemberName);
                            int width = RowWidth(f);
                            w.Line(width == 1
                                ? $"_{name}[row] = _{name}[slot];"
                                : $"new global::System.Span<{ColumnElement(f)}>(_{name}, slot * {width}, {width}).CopyTo(new global::System.Span<{ColumnElement(f)}>(_{name}, row * {width}, {width}));");
                        }
                    }
                }

                w.Line("return true;");
            }

            w.Line();
            w.Line("/// <inheritdoc/>");
            using (w.Block($"public {t} Get(int row)"))
            {
                w.Line("global::System.ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)_count, nameof(row));");
                foreach (FeatureToGenerate f in type.Features)
                {
                    w.Line($"{f.MemberType} {Camel(f.MemberName)}Value = {RowValue(f)};");
                }

                w.Line($"return {Construction(type, f => Camel(f.MemberName) + "Value")};");
            }

            w.Line();
            w.Line("/// <summary>Parses a record, reporting errors at <paramref name=\"row\"/>, into the buffers' row <paramref name=\"slot\"/>.</summary>");
            using (w.Block($"private bool TryParseRow(global::System.ReadOnlySpan<byte> data, int row, int slot, out {ParseError} error)"))
            {
                w.Line("error = default;");
                EmitEntryWalk(w, type);
                foreach (FeatureToGenerate f in type.Features)
                {
                    if (f.Form == FeatureForm.Sequence)
                    {
                        EmitParseFeatureListColumn(w, f);
                    }
                    else
                    {
                        EmitParseColumn(w, f);
                    }
                }

                w.Line("return true;");
            }
        }
    }

    private static void EmitParseColumn(IndentedWriter w, FeatureToGenerate f)
    {
        string name = Camel(f.MemberName);
        string member = Id(f.MemberName);
        string args = $"{name}Feature, TfSchema.{f.MemberName}, row";
        int width = RowWidth(f);
        string rowSpan = $"new global::System.Span<{ColumnElement(f)}>(_{name}, {(width == 1 ? "slot" : $"slot * {width}")}, {width})";
        int count = f.Form is FeatureForm.VarList ? -1 : width;
        ColumnKind column = ColumnOf(f);
        string call = column switch
        {
            ColumnKind.Fixed when f.Form == FeatureForm.Raw => $"{Support}.TryReadRaw({args}, {rowSpan}, out error)",
            ColumnKind.Fixed => f.Element switch
            {
                ElementKind.Integer => $"{Support}.TryReadInt64s<{f.IntegerType}>({args}, {rowSpan}, out error)",
                ElementKind.Enum => $"{Support}.TryReadInt64s<{f.IntegerType}>({args}, {Cast}<{f.ElementType}, {f.IntegerType}>({rowSpan}), out error)",
                ElementKind.Boolean => $"{Support}.TryReadBooleans({args}, {rowSpan}, out error)",
                _ => $"{Support}.TryReadFloats({args}, {rowSpan}, out error)",
            },
            ColumnKind.VarLen when f.Form == FeatureForm.Raw => $"{Support}.TryReadRaw({args}, {member}.AppendRow({f.ElementCount}), out error)",
            ColumnKind.VarLen => f.Element switch
            {
                ElementKind.Integer or ElementKind.Enum => $"{Support}.TryAppendInt64s<{f.IntegerType}>({args}, {count}, {member}, out error)",
                ElementKind.Boolean => $"{Support}.TryAppendBooleans({args}, {count}, {member}, out error)",
                _ => $"{Support}.TryAppendFloats({args}, {count}, {member}, out error)",
            },
            _ => $"{Support}.TryAppendBytes({args}, {count}, {member}, out error)",
        };

        using (w.Block($"if (features.TryGetFeature(in {name}Entry, out {FeatureReader} {name}Feature))"))
        {
            using (w.Block($"if (!{call})"))
            {
                w.Line("return false;");
            }
        }

        using (w.Block("else"))
        {
            if (column != ColumnKind.Fixed && (f.IsOptional || f.Form == FeatureForm.VarList))
            {
                w.Line($"{member}.AppendMissing();");
            }
            else if (f.DefaultValues.Count > 0)
            {
                if (column == ColumnKind.Bytes)
                {
                    w.Line($"{member}.BeginRow();");
                    foreach (string value in f.DefaultValues)
                    {
                        w.Line($"{member}.AddValue({Literal(value)}u8);");
                    }
                }
                else if (width == 1)
                {
                    w.Line($"_{name}[slot] = {MemberLiteral(f, f.DefaultValues[0])};");
                }
                else
                {
                    w.Line($"global::System.MemoryExtensions.CopyTo(TfSchema.{f.MemberName}Default, {rowSpan});");
                }
            }
            else
            {
                w.Line($"error = {ParseError}.Missing(TfSchema.{f.MemberName}, row);");
                w.Line("return false;");
            }
        }
    }

    private static void EmitParseFeatureListColumn(IndentedWriter w, FeatureToGenerate f)
    {
        string name = Camel(f.MemberName);
        string member = Id(f.MemberName);
        string list = $"{name}List";
        string args = $"{list}, TfSchema.{f.MemberName}, row";
        string values = $"{member}.AppendRow({list}.Count)";
        string call = f.Element switch
        {
            ElementKind.Integer => $"{Support}.TryReadInt64Steps<{f.IntegerType}>({args}, {values}, out error)",
            ElementKind.Enum => $"{Support}.TryReadInt64Steps<{f.IntegerType}>({args}, {Cast}<{f.ElementType}, {f.IntegerType}>({values}), out error)",
            ElementKind.Boolean => $"{Support}.TryReadBooleanSteps({args}, {values}, out error)",
            ElementKind.Float or ElementKind.Double => $"{Support}.TryReadFloatSteps({args}, {values}, out error)",
            _ => $"{Support}.TryAppendBytesSteps({args}, {member}, out error)",
        };

        using (w.Block($"if ({name}Entry.Found)"))
        {
            w.Line($"global::SchemaGen.FeatureListReader {list} = featureLists.GetFeatureList(in {name}Entry);");
            using (w.Block($"if (!{call})"))
            {
                w.Line("return false;");
            }
        }

        using (w.Block("else"))
        {
            // TensorFlow's allow_missing: a missing feature list is an empty sequence (null for a nullable member).
            w.Line(f.IsOptional ? $"{member}.AppendMissing();" : IsBytesLike(f) ? $"{member}.BeginRow();" : $"{member}.AppendRow(0);");
        }
    }

    /// <summary>The expression that rebuilds a member's value from row <c>row</c> of its column.</summary>
    private static string RowValue(FeatureToGenerate f)
    {
        string name = Camel(f.MemberName);
        string member = Id(f.MemberName);
        int width = RowWidth(f);
        string value;
        switch (ColumnOf(f))
        {
            case ColumnKind.Fixed:
                return width == 1 ? $"_{name}[row]" : $"new global::System.Span<{ColumnElement(f)}>(_{name}, row * {width}, {width}).ToArray()";
            case ColumnKind.VarLen:
                string values = f.Element == ElementKind.Enum ? $"{Cast}<{f.IntegerType}, {f.ElementType}>({member}[row])" : $"{member}[row]";
                value = f.Form == FeatureForm.Scalar
                    ? (f.Element == ElementKind.Enum ? $"({f.ElementType}){member}[row][0]" : $"{member}[row][0]")
                    : $"{values}.ToArray()";
                break;
            case ColumnKind.FeatureList:
                value = f.StepContainer == ContainerKind.None ? $"{member}[row].ToArray()" : $"{member}.GetSteps(row)";
                break;
            case ColumnKind.Bytes when f.Form == FeatureForm.Sequence:
                value = f.Element switch
                {
                    ElementKind.String => $"{member}.GetStrings(row)",
                    ElementKind.Memory => $"global::System.Array.ConvertAll<byte[], global::System.ReadOnlyMemory<byte>>({member}.GetValues(row), static bytes => bytes)",
                    _ => $"{member}.GetValues(row)",
                };
                if (f.StepContainer != ContainerKind.None)
                {
                    value = $"global::System.Linq.Enumerable.ToArray(global::System.Linq.Enumerable.Chunk({value}, {f.ElementCount}))";
                }

                break;
            default:
                bool single = f.Form == FeatureForm.Scalar;
                value = f.Element == ElementKind.String
                    ? (single ? $"{member}.GetString(row, 0)" : $"{member}.GetStrings(row)")
                    : (single ? $"{member}.GetValue(row, 0).ToArray()" : $"{member}.GetValues(row)");
                break;
        }

        return f.IsOptional ? $"{member}.IsPresent(row) ? {value} : null" : value;
    }

    private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
