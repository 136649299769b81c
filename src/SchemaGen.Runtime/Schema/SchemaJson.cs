using System.Buffers;
using System.Text;
using System.Text.Json;

namespace SchemaGen;

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
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            JsonElement root = document.RootElement;
            string name = Required(root, "name").GetString() ?? throw Invalid("'name' must be a string");
            ExampleSchemaKind kind = Required(root, "kind").GetString() switch
            {
                "example" => ExampleSchemaKind.Example,
                "sequence_example" => ExampleSchemaKind.SequenceExample,
                var other => throw Invalid($"unknown schema kind '{other}': expected \"example\" or \"sequence_example\""),
            };
            var features = new List<FeatureSpec>();
            foreach (JsonElement feature in Required(root, "features").EnumerateArray())
            {
                features.Add(ReadFeature(feature));
            }

            return new ExampleSchema(name, kind, features);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            throw new FormatException($"Not an ExampleSchema JSON: {e.Message}", e);
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

    private static FeatureSpec ReadFeature(JsonElement feature)
    {
        string key = Required(feature, "key").GetString() ?? throw Invalid("a feature's 'key' must be a string");
        FeatureDType dtype = Required(feature, "dtype").GetString() switch
        {
            "int64" => FeatureDType.Int64,
            "float32" => FeatureDType.Float32,
            "string" => FeatureDType.String,
            var other => throw Invalid($"feature '{key}': unknown dtype '{other}': expected \"int64\", \"float32\" or \"string\""),
        };
        FeatureSpecKind kind = Required(feature, "kind").GetString() switch
        {
            "fixed_len" => FeatureSpecKind.FixedLen,
            "var_len" => FeatureSpecKind.VarLen,
            "fixed_len_sequence" => FeatureSpecKind.FixedLenSequence,
            var other => throw Invalid($"feature '{key}': unknown kind '{other}': expected \"fixed_len\", \"var_len\" or \"fixed_len_sequence\""),
        };
        int[] shape = ReadInts(Required(feature, "shape"));
        int[]? decodeRawShape = feature.TryGetProperty("decode_raw_shape", out JsonElement raw) ? ReadInts(raw) : null;
        bool optional = feature.TryGetProperty("optional", out JsonElement optionalElement) && optionalElement.GetBoolean();
        Array? defaultValue = null;
        if (feature.TryGetProperty("default", out JsonElement values))
        {
            defaultValue = dtype switch
            {
                FeatureDType.Int64 => values.EnumerateArray().Select(v => v.GetInt64()).ToArray(),
                FeatureDType.Float32 => values.EnumerateArray().Select(ReadFloat).ToArray(),
                _ => values.EnumerateArray().Select(v => v.GetString() ?? throw Invalid($"feature '{key}': a string default must hold strings")).ToArray(),
            };
        }

        return new FeatureSpec(key, dtype, kind, shape, decodeRawShape, optional, defaultValue);
    }

    private static float ReadFloat(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? value.GetString() switch
        {
            "NaN" => float.NaN,
            "Infinity" => float.PositiveInfinity,
            "-Infinity" => float.NegativeInfinity,
            var other => throw Invalid($"'{other}' is not a float"),
        }
        : value.GetSingle();

    private static int[] ReadInts(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetInt32())];

    private static JsonElement Required(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) ? value : throw Invalid($"missing property '{name}'");

    private static FormatException Invalid(string message) => new($"Not an ExampleSchema JSON: {message}");
}
