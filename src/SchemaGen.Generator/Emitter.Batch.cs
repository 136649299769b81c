using System.Linq;
using SchemaGen.Generator.Model;

namespace SchemaGen.Generator;

/// <summary>The columnar batch: one column per feature, laid out as each feature's <see cref="BatchColumn"/> says.</summary>
internal static partial class Emitter
{
    private static void EmitBatch(IndentedWriter w, TypeToGenerate type)
    {
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
        using (w.Block($"public sealed class Batch : global::SchemaGen.Schema.ITfExampleBatch<Batch, {type.FullyQualifiedName}>"))
        {
            EmitBatchConstruction(w, type);
            EmitBatchProperties(w, type);
            EmitBatchCreateAndClear(w, type);
            EmitBatchParseInto(w, type);
            EmitBatchGet(w, type);
            EmitTryParseRow(w, type);
        }
    }

    /// <summary>The fixed buffers, the row count and the constructor that allocates every column.</summary>
    private static void EmitBatchConstruction(IndentedWriter w, TypeToGenerate type)
    {
        foreach (FeatureToGenerate f in type.Features.Where(f => f.Column.Kind == ColumnKind.Fixed))
        {
            w.Line($"private readonly {f.Column.ElementType}[] _{Camel(f.MemberName)};");
        }

        w.Line("private int _count;");
        w.Line();
        using (w.Block("private Batch(int capacity)"))
        {
            w.Line("Capacity = capacity;");
            if (type.Rows == BatchRows.Overwritable)
            {
                w.Line("// One row more than the capacity: an overwrite parses into it, then copies it over the row once the record fits.");
            }

            foreach (FeatureToGenerate f in type.Features)
            {
                w.Line(f.Column.Kind == ColumnKind.Fixed ? $"_{Camel(f.MemberName)} = {FixedBuffer(type.Rows, f.Column)};" : $"{Id(f.MemberName)} = {ColumnObject(f.Column)};");
            }
        }
    }

    /// <summary>A fixed column's buffer: its rows (and a spare one, when rows are overwritten) times its row width.</summary>
    private static string FixedBuffer(BatchRows rows, BatchColumn column) => (rows, column.RowWidth) switch
    {
        (BatchRows.AppendOnly, 1) => $"new {column.ElementType}[capacity]",
        (BatchRows.AppendOnly, int width) => $"new {column.ElementType}[checked(capacity * {width})]",
        (_, 1) => $"new {column.ElementType}[capacity + 1]",
        (_, int width) => $"new {column.ElementType}[checked((capacity + 1) * {width})]",
    };

    private static string ColumnObject(BatchColumn column) => column.Kind switch
    {
        ColumnKind.VarLen => $"new global::SchemaGen.Batches.VarLenColumn<{column.ElementType}>(capacity)",
        ColumnKind.FeatureList when column.RowWidth == 1 => $"new global::SchemaGen.Batches.FeatureListColumn<{column.ElementType}>(capacity)",
        ColumnKind.FeatureList => $"new global::SchemaGen.Batches.FeatureListColumn<{column.ElementType}>(capacity, stepWidth: {column.RowWidth})",
        _ => "new global::SchemaGen.Batches.BytesListColumn(capacity)",
    };

    private static void EmitBatchProperties(IndentedWriter w, TypeToGenerate type)
    {
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"public static global::SchemaGen.Schema.ExampleSchema Schema => {type.FullyQualifiedName}.Schema;");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line("public int Capacity { get; }");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line("public int Count => _count;");
        foreach (FeatureToGenerate f in type.Features)
        {
            w.Line();
            w.Line($"/// <summary>{ColumnSummary(f)}</summary>");
            w.Line(ColumnProperty(type.Rows, f));
        }
    }

    private static string ColumnSummary(FeatureToGenerate f) => f.Column.Kind switch
    {
        ColumnKind.Fixed when f.Shape.Count == 0 => $"Feature <c>{Xml(f.Key)}</c>: [capacity] values, row by row; rows below <see cref=\"Count\"/> are filled.",
        ColumnKind.Fixed => $"Feature <c>{Xml(f.Key)}</c>: [capacity, {string.Join(", ", f.Shape)}] values, row by row; rows below <see cref=\"Count\"/> are filled.",
        ColumnKind.VarLen => $"Feature <c>{Xml(f.Key)}</c>: each row's values and whether the row had it.",
        ColumnKind.FeatureList when f.Shape.Count == 0 => $"Feature list <c>{Xml(f.Key)}</c>: each row's steps, one value each, and whether the row had it.",
        ColumnKind.FeatureList => $"Feature list <c>{Xml(f.Key)}</c>: each row's steps of [{string.Join(", ", f.Shape)}] values and whether the row had it.",
        _ when f.Column.Read == ColumnRead.BytesSteps =>
            $"Feature list <c>{Xml(f.Key)}</c>: each row's steps, {f.Column.RowWidth} byte string{(f.Column.RowWidth == 1 ? "" : "s")} per step.",
        _ => $"Feature <c>{Xml(f.Key)}</c>: each row's byte strings.",
    };

    /// <summary>A column's property: a fixed buffer as a span over its rows (less the spare one), any other column as itself.</summary>
    private static string ColumnProperty(BatchRows rows, FeatureToGenerate f)
    {
        string name = Id(f.MemberName);
        string element = f.Column.ElementType;
        return (f.Column.Kind, rows) switch
        {
            (ColumnKind.Fixed, BatchRows.AppendOnly) => $"public global::System.Span<{element}> {name} => _{Camel(f.MemberName)};",
            (ColumnKind.Fixed, _) => $"public global::System.Span<{element}> {name} => new global::System.Span<{element}>(_{Camel(f.MemberName)}, 0, {(f.Column.RowWidth == 1 ? "Capacity" : $"Capacity * {f.Column.RowWidth}")});",
            (ColumnKind.VarLen, _) => $"public global::SchemaGen.Batches.VarLenColumn<{element}> {name} {{ get; }}",
            (ColumnKind.FeatureList, _) => $"public global::SchemaGen.Batches.FeatureListColumn<{element}> {name} {{ get; }}",
            _ => $"public global::SchemaGen.Batches.BytesListColumn {name} {{ get; }}",
        };
    }

    private static void EmitBatchCreateAndClear(IndentedWriter w, TypeToGenerate type)
    {
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
            foreach (FeatureToGenerate f in type.Features.Where(f => f.Column.Kind != ColumnKind.Fixed))
            {
                w.Line($"{Id(f.MemberName)}.Clear();");
            }
        }
    }

    private static void EmitBatchParseInto(IndentedWriter w, TypeToGenerate type)
    {
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
            switch (type.Rows)
            {
                case BatchRows.AppendOnly:
                    EmitAppendRow(w, type);
                    break;
                default:
                    EmitOverwriteRow(w, type);
                    break;
            }

            w.Line("return true;");
        }
    }

    /// <summary>Parses into the next row, truncating the appending columns back on failure.</summary>
    private static void EmitAppendRow(IndentedWriter w, TypeToGenerate type)
    {
        using (w.Block("if (row != _count || row >= Capacity)"))
        {
            w.Line("throw new global::System.ArgumentOutOfRangeException(nameof(row), row, \"Rows are appended in order: the row must be Count, below Capacity.\");");
        }

        EmitParseAttempt(w, type, slot: "row");
        w.Line("_count++;");
    }

    /// <summary>Parses the next row in place, or any row below it through the spare row, copied over the row once the record fits.</summary>
    private static void EmitOverwriteRow(IndentedWriter w, TypeToGenerate type)
    {
        using (w.Block("if ((uint)row > (uint)_count || row >= Capacity)"))
        {
            w.Line("throw new global::System.ArgumentOutOfRangeException(nameof(row), row, \"The row must be at most Count, below Capacity.\");");
        }

        w.Line("int slot = row == _count ? row : Capacity;");
        EmitParseAttempt(w, type, slot: "slot");
        using (w.Block("if (slot == row)"))
        {
            w.Line("_count++;");
        }

        using (w.Block("else"))
        {
            foreach (FeatureToGenerate f in type.Features)
            {
                string field = "_" + Camel(f.MemberName);
                int width = f.Column.RowWidth;
                w.Line(width == 1
                    ? $"{field}[row] = {field}[slot];"
                    : $"new global::System.Span<{f.Column.ElementType}>({field}, slot * {width}, {width}).CopyTo(new global::System.Span<{f.Column.ElementType}>({field}, row * {width}, {width}));");
            }
        }
    }

    /// <summary>Parses the record into row <paramref name="slot"/>; on failure, takes back what the appending columns took and returns false.</summary>
    private static void EmitParseAttempt(IndentedWriter w, TypeToGenerate type, string slot)
    {
        w.Line("bool parsed;");
        using (w.Block("try"))
        {
            w.Line($"parsed = TryParseRow(data, row, {slot}, out error);");
        }

        using (w.Block("catch (global::SchemaGen.Examples.ExampleFormatException exception)"))
        {
            w.Line("parsed = false;");
            w.Line($"error = {ParseError}.Malformed(exception, row);");
        }

        using (w.Block("if (!parsed)"))
        {
            foreach (FeatureToGenerate f in type.Features.Where(f => f.Column.Kind != ColumnKind.Fixed))
            {
                w.Line($"{Id(f.MemberName)}.Truncate(row);");
            }

            w.Line("return false;");
        }
    }

    private static void EmitBatchGet(IndentedWriter w, TypeToGenerate type)
    {
        w.Line();
        w.Line("/// <inheritdoc/>");
        using (w.Block($"public {type.FullyQualifiedName} Get(int row)"))
        {
            w.Line("global::System.ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)_count, nameof(row));");
            foreach (FeatureToGenerate f in type.Features)
            {
                string value = RowValue(f);
                w.Line($"{f.MemberType} {Camel(f.MemberName)}Value = {(f.IsOptional ? $"{Id(f.MemberName)}.IsPresent(row) ? {value} : null" : value)};");
            }

            w.Line($"return {Construction(type, f => Camel(f.MemberName) + "Value")};");
        }
    }

    /// <summary>The expression that rebuilds a member's value from row <c>row</c> of its column.</summary>
    private static string RowValue(FeatureToGenerate f)
    {
        string member = Id(f.MemberName);
        int width = f.Column.RowWidth;
        return f.Column.Get switch
        {
            ColumnGet.FixedValue => $"_{Camel(f.MemberName)}[row]",
            ColumnGet.FixedValues => $"new global::System.Span<{f.Column.ElementType}>(_{Camel(f.MemberName)}, row * {width}, {width}).ToArray()",
            ColumnGet.VarLenValue => $"{member}[row][0]",
            ColumnGet.VarLenEnum => $"({f.ElementType}){member}[row][0]",
            ColumnGet.Values => $"{member}[row].ToArray()",
            ColumnGet.VarLenEnums => $"{Cast}<{f.IntegerType}, {f.ElementType}>({member}[row]).ToArray()",
            ColumnGet.Steps => $"{member}.GetSteps(row)",
            ColumnGet.String => $"{member}.GetString(row, 0)",
            ColumnGet.Strings => $"{member}.GetStrings(row)",
            ColumnGet.Bytes => $"{member}.GetValue(row, 0).ToArray()",
            ColumnGet.BytesValues => $"{member}.GetValues(row)",
            ColumnGet.Memories => $"global::System.Array.ConvertAll<byte[], global::System.ReadOnlyMemory<byte>>({member}.GetValues(row), static bytes => bytes)",
            ColumnGet.StringSteps => $"global::System.Linq.Enumerable.ToArray(global::System.Linq.Enumerable.Chunk({member}.GetStrings(row), {width}))",
            _ => $"global::System.Linq.Enumerable.ToArray(global::System.Linq.Enumerable.Chunk({member}.GetValues(row), {width}))",
        };
    }

    private static void EmitTryParseRow(IndentedWriter w, TypeToGenerate type)
    {
        w.Line();
        w.Line("/// <summary>Parses a record, reporting errors at <paramref name=\"row\"/>, into the buffers' row <paramref name=\"slot\"/>.</summary>");
        using (w.Block($"private bool TryParseRow(global::System.ReadOnlySpan<byte> data, int row, int slot, out {ParseError} error)"))
        {
            w.Line("error = default;");
            EmitEntryWalk(w, type);
            foreach (FeatureToGenerate f in type.Features)
            {
                if (f.IsContext)
                {
                    EmitParseColumn(w, f);
                }
                else
                {
                    EmitParseFeatureListColumn(w, f);
                }
            }

            w.Line("return true;");
        }
    }

    private static void EmitParseColumn(IndentedWriter w, FeatureToGenerate f)
    {
        string name = Camel(f.MemberName);
        using (w.Block($"if (features.TryGetFeature(in {name}Entry, out {FeatureReader} {name}Feature))"))
        {
            using (w.Block($"if (!{ColumnReadCall(f, $"{name}Feature")})"))
            {
                w.Line("return false;");
            }
        }

        using (w.Block("else"))
        {
            EmitMissingRow(w, f);
        }
    }

    private static void EmitParseFeatureListColumn(IndentedWriter w, FeatureToGenerate f)
    {
        string name = Camel(f.MemberName);
        using (w.Block($"if ({name}Entry.Found)"))
        {
            w.Line($"global::SchemaGen.Examples.FeatureListReader {name}List = featureLists.GetFeatureList(in {name}Entry);");
            using (w.Block($"if (!{ColumnReadCall(f, $"{name}List")})"))
            {
                w.Line("return false;");
            }
        }

        using (w.Block("else"))
        {
            // TensorFlow's allow_missing: a missing feature list is an empty sequence (null for a nullable member).
            EmitMissingRow(w, f);
        }
    }

    /// <summary>The call that parses a present feature (or feature list, from <paramref name="reader"/>) into the column, returning false with the error on a mismatch.</summary>
    private static string ColumnReadCall(FeatureToGenerate f, string reader)
    {
        string member = Id(f.MemberName);
        string args = $"{reader}, TfSchema.{f.MemberName}, row";
        string row = RowSlice(f, "slot");
        string steps = $"{member}.AppendRow({reader}.Count)";
        string enumSteps = $"{Cast}<{f.ElementType}, {f.IntegerType}>({steps})";
        int width = f.Column.RowWidth;
        return f.Column.Read switch
        {
            ColumnRead.Int64s => $"{Support}.TryReadInt64s<{f.IntegerType}>({args}, {row}, out error)",
            ColumnRead.Enums => $"{Support}.TryReadInt64s<{f.IntegerType}>({args}, {Cast}<{f.ElementType}, {f.IntegerType}>({row}), out error)",
            ColumnRead.Booleans => $"{Support}.TryReadBooleans({args}, {row}, out error)",
            ColumnRead.Floats => $"{Support}.TryReadFloats({args}, {row}, out error)",
            ColumnRead.Raw => $"{Support}.TryReadRaw({args}, {row}, out error)",
            ColumnRead.AppendInt64s => $"{Support}.TryAppendInt64s<{f.IntegerType}>({args}, {width}, {member}, out error)",
            ColumnRead.AppendBooleans => $"{Support}.TryAppendBooleans({args}, {width}, {member}, out error)",
            ColumnRead.AppendFloats => $"{Support}.TryAppendFloats({args}, {width}, {member}, out error)",
            ColumnRead.AppendRaw => $"{Support}.TryReadRaw({args}, {member}.AppendRow({width}), out error)",
            ColumnRead.AppendBytes => $"{Support}.TryAppendBytes({args}, {width}, {member}, out error)",
            ColumnRead.Int64Steps => $"{Support}.TryReadInt64Steps<{f.IntegerType}>({args}, {steps}, out error)",
            ColumnRead.EnumSteps => $"{Support}.TryReadInt64Steps<{f.IntegerType}>({args}, {enumSteps}, out error)",
            ColumnRead.BooleanSteps => $"{Support}.TryReadBooleanSteps({args}, {steps}, out error)",
            ColumnRead.FloatSteps => $"{Support}.TryReadFloatSteps({args}, {steps}, out error)",
            _ => $"{Support}.TryAppendBytesSteps({args}, {member}, out error)",
        };
    }

    /// <summary>What the column takes for a record without the feature: a missing or empty row, the default, or an error.</summary>
    private static void EmitMissingRow(IndentedWriter w, FeatureToGenerate f)
    {
        string member = Id(f.MemberName);
        switch (f.Column.Missing)
        {
            case ColumnMissing.AppendMissing:
                w.Line($"{member}.AppendMissing();");
                break;
            case ColumnMissing.NoByteSteps:
                w.Line($"{member}.BeginRow();");
                break;
            case ColumnMissing.NoSteps:
                w.Line($"{member}.AppendRow(0);");
                break;
            case ColumnMissing.DefaultValue:
                w.Line($"_{Camel(f.MemberName)}[slot] = {ValueLiteral(f, f.DefaultValues[0])};");
                break;
            case ColumnMissing.DefaultValues:
                w.Line($"global::System.MemoryExtensions.CopyTo(TfSchema.{f.MemberName}Default, {RowSlice(f, "slot")});");
                break;
            case ColumnMissing.DefaultBytes:
                w.Line($"{member}.BeginRow();");
                foreach (string value in f.DefaultValues)
                {
                    w.Line($"{member}.AddValue({Literal(value)}u8);");
                }

                break;
            default:
                w.Line($"error = {ParseError}.Missing(TfSchema.{f.MemberName}, row);");
                w.Line("return false;");
                break;
        }
    }

    /// <summary>A fixed column's slice for one row: <paramref name="row"/> times the row width, the row width long.</summary>
    private static string RowSlice(FeatureToGenerate f, string row)
    {
        int width = f.Column.RowWidth;
        return $"new global::System.Span<{f.Column.ElementType}>(_{Camel(f.MemberName)}, {(width == 1 ? row : $"{row} * {width}")}, {width})";
    }
}
