using SchemaGen.Schema;

namespace SchemaGen.Runtime.Tests.Schema;

/// <summary>The JSON form of a schema (what dataset_info.json stores): its documented shape, round trips and errors.</summary>
public class ExampleSchemaJsonTests
{
    private static readonly ExampleSchema[] Schemas =
    [
        new ExampleSchema("Cifar", ExampleSchemaKind.Example,
        [
            new FeatureSpec("image", FeatureDType.String, FeatureSpecKind.FixedLen, decodeRawShape: [32, 32, 3]),
            new FeatureSpec("label", FeatureDType.Int64, FeatureSpecKind.FixedLen),
        ]),
        new ExampleSchema("Defaults", ExampleSchemaKind.Example,
        [
            new FeatureSpec("n", FeatureDType.Int64, FeatureSpecKind.FixedLen, shape: [2], defaultValue: new[] { long.MinValue, long.MaxValue }),
            new FeatureSpec("f", FeatureDType.Float32, FeatureSpecKind.FixedLen, shape: [5], defaultValue: new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0.1f }),
            new FeatureSpec("s", FeatureDType.String, FeatureSpecKind.FixedLen, defaultValue: new[] { "ü\"\n" }),
            new FeatureSpec("v", FeatureDType.Float32, FeatureSpecKind.VarLen, isOptional: true),
            new FeatureSpec("o", FeatureDType.Int64, FeatureSpecKind.FixedLen, shape: [3], isOptional: true),
        ]),
        new ExampleSchema("Clip", ExampleSchemaKind.SequenceExample,
        [
            new FeatureSpec("frames", FeatureDType.Float32, FeatureSpecKind.FixedLenSequence, shape: [3]),
            new FeatureSpec("frames", FeatureDType.Int64, FeatureSpecKind.FixedLen),
            new FeatureSpec("words", FeatureDType.String, FeatureSpecKind.FixedLenSequence, isOptional: true),
        ]),
    ];

    public static TheoryData<int> SchemaIndexes => [.. Enumerable.Range(0, Schemas.Length)];

    [Theory]
    [MemberData(nameof(SchemaIndexes))]
    public void FromJson_reads_back_what_ToJson_writes(int index)
    {
        ExampleSchema schema = Schemas[index];
        string json = schema.ToJson();
        ExampleSchema back = ExampleSchema.FromJson(json);
        Assert.Equal(schema, back);
        Assert.Equal(json, back.ToJson());
        Assert.Equal(
            schema.Features.Select(f => (f.Key, f.Kind, f.IsOptional, f.ElementCount)),
            back.Features.Select(f => (f.Key, f.Kind, f.IsOptional, f.ElementCount)));
    }

    [Fact]
    public void ToJson_writes_the_documented_form()
    {
        Assert.Equal(
            """
            {
              "name": "Cifar",
              "kind": "example",
              "features": [
                {
                  "key": "image",
                  "dtype": "string",
                  "kind": "fixed_len",
                  "shape": [],
                  "decode_raw_shape": [
                    32,
                    32,
                    3
                  ]
                },
                {
                  "key": "label",
                  "dtype": "int64",
                  "kind": "fixed_len",
                  "shape": []
                }
              ]
            }
            """.ReplaceLineEndings("\n"),
            Schemas[0].ToJson().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Non_finite_float_defaults_are_strings_and_the_rest_numbers()
    {
        using var json = System.Text.Json.JsonDocument.Parse(Schemas[1].ToJson());
        System.Text.Json.JsonElement f = json.RootElement.GetProperty("features").EnumerateArray().Single(e => e.GetProperty("key").GetString() == "f");
        Assert.Equal(["\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "-0", "0.1"], f.GetProperty("default").EnumerateArray().Select(v => v.GetRawText()));
        Assert.True(json.RootElement.GetProperty("features").EnumerateArray().Single(e => e.GetProperty("key").GetString() == "o").GetProperty("optional").GetBoolean());
    }

    [Fact]
    public void Unknown_properties_are_ignored_so_later_versions_can_add_some()
    {
        ExampleSchema schema = ExampleSchema.FromJson("""
            {"name": "T", "kind": "example", "generator": "0.2", "features": [{"key": "x", "dtype": "int64", "kind": "var_len", "shape": [], "doc": "?"}]}
            """);
        Assert.Equal(new ExampleSchema("T", ExampleSchemaKind.Example, [new FeatureSpec("x", FeatureDType.Int64, FeatureSpecKind.VarLen)]), schema);
    }

    [Theory]
    [InlineData("""[]""", "the document: expected an object, found array")]
    [InlineData("""{"kind": "example", "features": []}""", "the schema: missing property 'name'")]
    [InlineData("""{"name": 1, "kind": "example", "features": []}""", "the schema: 'name' must be a string")]
    [InlineData("""{"name": "T", "kind": "tfrecord", "features": []}""", "the schema: unknown kind \"tfrecord\": expected \"example\" or \"sequence_example\"")]
    [InlineData("""{"name": "T", "kind": "example", "features": {}}""", "'features': expected an array, found object")]
    [InlineData("""{"name": "T", "kind": "example", "features": [1]}""", "features[0]: expected an object, found number")]
    [InlineData("""{"name": "T", "kind": "example", "features": [{"key": "label", "kind": "fixed_len", "shape": []}]}""", "features[0] (\"label\"): missing property 'dtype'")]
    [InlineData("""{"name": "T", "kind": "example", "features": [{"key": "label", "dtype": "int32", "kind": "fixed_len", "shape": []}]}""", "features[0] (\"label\"): unknown dtype \"int32\": expected \"int64\", \"float32\" or \"string\"")]
    [InlineData("""{"name": "T", "kind": "example", "features": [{"key": "label", "dtype": "int64", "kind": "sparse", "shape": []}]}""", "features[0] (\"label\"): unknown kind \"sparse\": expected \"fixed_len\", \"var_len\" or \"fixed_len_sequence\"")]
    [InlineData("""{"name": "T", "kind": "example", "features": [{"key": "label", "dtype": "int64", "kind": "fixed_len", "shape": [2.5]}]}""", "features[0] (\"label\"): 'shape' holds 2.5, not an integer dimension")]
    [InlineData("""{"name": "T", "kind": "example", "features": [{"key": "label", "dtype": "int64", "kind": "fixed_len", "shape": 3}]}""", "features[0] (\"label\") 'shape': expected an array of dimensions, found number")]
    [InlineData("""{"name": "T", "kind": "example", "features": [{"key": "label", "dtype": "int64", "kind": "fixed_len", "shape": [0]}]}""", "features[0] (\"label\"): Shape dimensions must be positive: [0]")]
    [InlineData("""{"name": "T", "kind": "example", "features": [{"key": "label", "dtype": "int64", "kind": "fixed_len", "shape": [], "optional": "yes"}]}""", "features[0] (\"label\"): 'optional' must be true or false")]
    [InlineData("""{"name": "T", "kind": "example", "features": [{"key": "label", "dtype": "int64", "kind": "fixed_len", "shape": [], "default": ["x"]}]}""", "features[0] (\"label\"): the int64 default \"x\" is not a 64-bit integer")]
    [InlineData("""{"name": "T", "kind": "example", "features": [{"key": "label", "dtype": "int64", "kind": "fixed_len", "shape": [], "default": [1, 2]}]}""", "features[0] (\"label\"): Feature 'label': the default has 2 values, the shape [] needs 1")]
    [InlineData("""{"name": "T", "kind": "example", "features": [{"key": "p", "dtype": "float32", "kind": "fixed_len", "shape": [], "default": ["nan"]}]}""", "features[0] (\"p\"): the float32 default \"nan\" is not a number, \"NaN\", \"Infinity\" or \"-Infinity\"")]
    [InlineData("""{"name": "T", "kind": "example", "features": [{"key": "p", "dtype": "float32", "kind": "fixed_len", "shape": [], "default": [1e39]}]}""", "features[0] (\"p\"): the float32 default 1e39 is not a float32")]
    [InlineData("""{"name": "T", "kind": "example", "features": [{"key": "s", "dtype": "string", "kind": "fixed_len", "shape": [], "default": [7]}]}""", "features[0] (\"s\"): the string default 7 is not a string")]
    [InlineData("""{"name": "T", "kind": "example", "features": [{"key": "v", "dtype": "int64", "kind": "var_len", "shape": [2]}]}""", "features[0] (\"v\"): Feature 'v': a VarLen feature has no shape")]
    [InlineData("""{"name": "T", "kind": "example", "features": [{"key": "a", "dtype": "int64", "kind": "var_len", "shape": []}, {"key": "a", "dtype": "float32", "kind": "var_len", "shape": []}]}""", "'features': Feature key 'a' appears twice")]
    [InlineData("""{"name": "T", "kind": "example", "features": [{"key": "w", "dtype": "string", "kind": "fixed_len_sequence", "shape": []}]}""", "'features': Feature 'w': an Example has no feature lists; use ExampleSchemaKind.SequenceExample")]
    public void FromJson_says_what_is_wrong_and_where(string json, string message)
    {
        var exception = Assert.Throws<FormatException>(() => ExampleSchema.FromJson(json));
        Assert.Equal("Not an ExampleSchema JSON: " + message, exception.Message);
    }

    [Fact]
    public void FromJson_reports_malformed_JSON_with_its_position()
    {
        var exception = Assert.Throws<FormatException>(() => ExampleSchema.FromJson("{\"name\": \"T\",\n \"kind\": }"));
        Assert.StartsWith("Not an ExampleSchema JSON: ", exception.Message);
        Assert.Contains("LineNumber: 1", exception.Message);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(exception.InnerException);
    }
}
