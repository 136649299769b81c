using System.Buffers;
using System.Text;
using System.Text.Json;

namespace SchemaGen.Schema;

/// <summary>The JSON form of an <see cref="ExampleSchema"/> (see <see cref="ExampleSchema.ToJson"/>).</summary>
internal static class SchemaJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true };

    public static string Write(ExampleSchema schema)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("name", schema.Name);
            json.WriteString("kind", schema.Kind == ExampleSchemaKind.Example ? "example" : "sequence_example");
            json.WriteStartArray("features");
            foreach (FeatureSpec feature in schema.Features)
            {
                WriteFeature(json, feature);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static ExampleSchema Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Not an ExampleSchema JSON: {e.Message}", e);
        }

        using (document)
        {
            JsonElement root = Expect(document.RootElement, JsonValueKind.Object, "the document", "an object");
            string name = RequiredString(root, "name", "the schema");
            ExampleSchemaKind kind = RequiredString(root, "kind", "the schema") switch
            {
                "example" => ExampleSchemaKind.Example,
                "sequence_example" => ExampleSchemaKind.SequenceExample,
                var other => throw Invalid("the schema", $"unknown kind \"{other}\": expected \"example\" or \"sequence_example\""),
            };
            var features = new List<FeatureSpec>();
            foreach (JsonElement feature in Expect(Required(root, "features", "the schema"), JsonValueKind.Array, "'features'", "an array").EnumerateArray())
            {
                features.Add(ReadFeature(feature, $"features[{features.Count}]"));
            }

            try
            {
                return new ExampleSchema(name, kind, features);
            }
            catch (ArgumentException e)
            {
                throw Invalid("'features'", MessageOf(e), e);
            }
        }
    }

    private static void WriteFeature(Utf8JsonWriter json, FeatureSpec feature)
    {
        json.WriteStartObject();
        json.WriteString("key", feature.Key);
        json.WriteString("dtype", feature.DType switch
        {
            FeatureDType.Int64 => "int64",
            FeatureDType.Float32 => "float32",
            _ => "string",
        });
        json.WriteString("kind", feature.Kind switch
        {
            FeatureSpecKind.FixedLen => "fixed_len",
            FeatureSpecKind.VarLen => "var_len",
            _ => "fixed_len_sequence",
        });
        WriteInts(json, "shape", feature.Shape);
        if (feature.IsDecodedRaw)
        {
            WriteInts(json, "decode_raw_shape", feature.DecodeRawShape);
        }

        if (feature.IsOptional)
        {
            json.WriteBoolean("optional", true);
        }

        if (feature.HasDefault)
        {
            json.WriteStartArray("default");
            if (!feature.Int64Default.IsDefault)
            {
                foreach (long value in feature.Int64Default)
                {
                    json.WriteNumberValue(value);
                }
            }
            else if (!feature.FloatDefault.IsDefault)
            {
                foreach (float value in feature.FloatDefault)
                {
                    if (float.IsFinite(value))
                    {
                        json.WriteNumberValue(value);
                    }
                    else
                    {
                        json.WriteStringValue(float.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
                    }
                }
            }
            else
            {
                foreach (string value in feature.StringDefault)
                {
                    json.WriteStringValue(value);
                }
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteInts(Utf8JsonWriter json, string name, IEnumerable<int> values)
    {
        json.WriteStartArray(name);
        foreach (int value in values)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
    }

    private static FeatureSpec ReadFeature(JsonElement feature, string where)
    {
        Expect(feature, JsonValueKind.Object, where, "an object");
        string key = RequiredString(feature, "key", where);
        where = $"{where} (\"{key}\")";
        FeatureDType dtype = RequiredString(feature, "dtype", where) switch
        {
            "int64" => FeatureDType.Int64,
            "float32" => FeatureDType.Float32,
            "string" => FeatureDType.String,
            var other => throw Invalid(where, $"unknown dtype \"{other}\": expected \"int64\", \"float32\" or \"string\""),
        };
        FeatureSpecKind kind = RequiredString(feature, "kind", where) switch
        {
            "fixed_len" => FeatureSpecKind.FixedLen,
            "var_len" => FeatureSpecKind.VarLen,
            "fixed_len_sequence" => FeatureSpecKind.FixedLenSequence,
            var other => throw Invalid(where, $"unknown kind \"{other}\": expected \"fixed_len\", \"var_len\" or \"fixed_len_sequence\""),
        };
        int[] shape = ReadDimensions(Required(feature, "shape", where), where, "shape");
        int[]? decodeRawShape = feature.TryGetProperty("decode_raw_shape", out JsonElement raw) ? ReadDimensions(raw, where, "decode_raw_shape") : null;
        bool optional = false;
        if (feature.TryGetProperty("optional", out JsonElement optionalElement))
        {
            optional = optionalElement.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Invalid(where, "'optional' must be true or false"),
            };
        }

        Array? defaultValue = null;
        if (feature.TryGetProperty("default", out JsonElement values))
        {
            Expect(values, JsonValueKind.Array, $"{where} 'default'", "an array");
            defaultValue = dtype switch
            {
                FeatureDType.Int64 => values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long value)
                    ? value
                    : throw Invalid(where, $"the int64 default {v.GetRawText()} is not a 64-bit integer")).ToArray(),
                FeatureDType.Float32 => values.EnumerateArray().Select(v => ReadFloat(v, where)).ToArray(),
                _ => values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String
                    ? v.GetString()!
                    : throw Invalid(where, $"the string default {v.GetRawText()} is not a string")).ToArray(),
            };
        }

        try
        {
            return new FeatureSpec(key, dtype, kind, shape, decodeRawShape, optional, defaultValue);
        }
        catch (ArgumentException e)
        {
            throw Invalid(where, MessageOf(e), e);
        }
    }

    private static float ReadFloat(JsonElement value, string where) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetSingle(out float number) && float.IsFinite(number) => number, // 1e39 would read as infinity
        JsonValueKind.String => value.GetString() switch
        {
            "NaN" => float.NaN,
            "Infinity" => float.PositiveInfinity,
            "-Infinity" => float.NegativeInfinity,
            _ => throw Invalid(where, $"the float32 default {value.GetRawText()} is not a number, \"NaN\", \"Infinity\" or \"-Infinity\""),
        },
        _ => throw Invalid(where, $"the float32 default {value.GetRawText()} is not a float32"),
    };

    private static int[] ReadDimensions(JsonElement array, string where, string name)
    {
        Expect(array, JsonValueKind.Array, $"{where} '{name}'", "an array of dimensions");
        return [.. array.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int dimension)
            ? dimension
            : throw Invalid(where, $"'{name}' holds {v.GetRawText()}, not an integer dimension"))];
    }

    private static JsonElement Required(JsonElement element, string name, string where) =>
        element.TryGetProperty(name, out JsonElement value) ? value : throw Invalid(where, $"missing property '{name}'");

    private static string RequiredString(JsonElement element, string name, string where) =>
        Required(element, name, where) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : throw Invalid(where, $"'{name}' must be a string");

    private static JsonElement Expect(JsonElement element, JsonValueKind kind, string what, string expected) =>
        element.ValueKind == kind ? element : throw Invalid(what, $"expected {expected}, found {element.ValueKind.ToString().ToLowerInvariant()}");

    /// <summary>An argument exception's message without the "(Parameter '…')" suffix (the JSON has no parameters) or the final period.</summary>
    private static string MessageOf(ArgumentException e) =>
        (e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal)).TrimEnd('.');

    private static FormatException Invalid(string where, string message, Exception? inner = null) =>
        new($"Not an ExampleSchema JSON: {where}: {message}", inner);
}
