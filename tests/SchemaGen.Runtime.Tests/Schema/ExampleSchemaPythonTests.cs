using SchemaGen.Schema;

namespace SchemaGen.Runtime.Tests.Schema;

/// <summary>
/// <see cref="ExampleSchema.ToPython"/> against text written by hand from TensorFlow's documented API:
/// <c>tf.io.FixedLenFeature(shape, dtype, default_value)</c> (a flat default is reshaped to <c>shape</c>),
/// <c>tf.io.VarLenFeature(dtype)</c>, <c>tf.io.FixedLenSequenceFeature(shape, dtype, allow_missing=True)</c>,
/// <c>tf.io.parse_single_example(serialized, features)</c>, <c>tf.io.parse_single_sequence_example(serialized,
/// context_features, sequence_features)</c> (a tuple of two dicts) and <c>tf.io.decode_raw(bytes, tf.uint8)</c>.
/// </summary>
public class ExampleSchemaPythonTests
{
    [Fact]
    public void VarLen_and_FixedLen_features_with_shapes_defaults_and_a_raw_image()
    {
        var schema = new ExampleSchema("Mixed", ExampleSchemaKind.Example,
        [
            new FeatureSpec("label", FeatureDType.Int64, FeatureSpecKind.FixedLen, defaultValue: new long[] { -1 }),
            new FeatureSpec("ids", FeatureDType.Int64, FeatureSpecKind.VarLen),
            new FeatureSpec("box", FeatureDType.Float32, FeatureSpecKind.FixedLen, shape: [2, 2], defaultValue: new[] { 0.5f, 1f, -0f, 1e20f }),
            new FeatureSpec("image/encoded", FeatureDType.String, FeatureSpecKind.FixedLen, decodeRawShape: [28, 28]),
            new FeatureSpec("caption", FeatureDType.String, FeatureSpecKind.FixedLen, defaultValue: new[] { "say \"hi\"\n" }),
            new FeatureSpec("weights", FeatureDType.Float32, FeatureSpecKind.VarLen),
        ]);

        AssertPython(
            """
            import tensorflow as tf

            features = {
                "box": tf.io.FixedLenFeature([2, 2], tf.float32, default_value=[0.5, 1.0, -0.0, 1E+20]),
                "caption": tf.io.FixedLenFeature([], tf.string, default_value="say \"hi\"\n"),
                "ids": tf.io.VarLenFeature(tf.int64),
                "image/encoded": tf.io.FixedLenFeature([], tf.string),
                "label": tf.io.FixedLenFeature([], tf.int64, default_value=-1),
                "weights": tf.io.VarLenFeature(tf.float32),
            }


            def parse(serialized):
                example = tf.io.parse_single_example(serialized, features)
                example["image/encoded"] = tf.reshape(tf.io.decode_raw(example["image/encoded"], tf.uint8), [28, 28])
                return example

            """,
            schema);
    }

    [Fact]
    public void Optional_features_are_VarLen_so_that_a_missing_one_parses_without_a_default()
    {
        var schema = new ExampleSchema("Maybe", ExampleSchemaKind.Example,
        [
            new FeatureSpec("score", FeatureDType.Float32, FeatureSpecKind.FixedLen, isOptional: true),
            new FeatureSpec("pair", FeatureDType.Int64, FeatureSpecKind.FixedLen, shape: [2], isOptional: true),
            new FeatureSpec("thumb", FeatureDType.String, FeatureSpecKind.FixedLen, decodeRawShape: [4], isOptional: true),
            new FeatureSpec("tags", FeatureDType.String, FeatureSpecKind.VarLen, isOptional: true),
        ]);

        AssertPython(
            """
            import tensorflow as tf

            features = {
                "pair": tf.io.VarLenFeature(tf.int64),  # optional; when present: shape [2]
                "score": tf.io.VarLenFeature(tf.float32),  # optional; when present: shape []
                "tags": tf.io.VarLenFeature(tf.string),
                "thumb": tf.io.VarLenFeature(tf.string),  # optional; when present: shape [], raw uint8 [4]
            }


            def parse(serialized):
                example = tf.io.parse_single_example(serialized, features)
                return example

            """,
            schema);
    }

    [Fact]
    public void A_SequenceExample_has_context_and_sequence_dicts()
    {
        var schema = new ExampleSchema("Clip", ExampleSchemaKind.SequenceExample,
        [
            new FeatureSpec("words", FeatureDType.String, FeatureSpecKind.FixedLenSequence),
            new FeatureSpec("thumb", FeatureDType.String, FeatureSpecKind.FixedLen, decodeRawShape: [2, 2]),
            new FeatureSpec("frames", FeatureDType.Float32, FeatureSpecKind.FixedLenSequence, shape: [3]),
            new FeatureSpec("length", FeatureDType.Int64, FeatureSpecKind.FixedLen),
        ]);

        AssertPython(
            """
            import tensorflow as tf

            context_features = {
                "length": tf.io.FixedLenFeature([], tf.int64),
                "thumb": tf.io.FixedLenFeature([], tf.string),
            }

            sequence_features = {
                "frames": tf.io.FixedLenSequenceFeature([3], tf.float32, allow_missing=True),
                "words": tf.io.FixedLenSequenceFeature([], tf.string, allow_missing=True),
            }


            def parse(serialized):
                context, sequence = tf.io.parse_single_sequence_example(serialized, context_features, sequence_features)
                context["thumb"] = tf.reshape(tf.io.decode_raw(context["thumb"], tf.uint8), [2, 2])
                return context, sequence

            """,
            schema);
    }

    [Fact]
    public void Keys_and_string_defaults_are_escaped_as_Python_str_literals()
    {
        var schema = new ExampleSchema("Keys", ExampleSchemaKind.Example,
        [
            new FeatureSpec("名前", FeatureDType.String, FeatureSpecKind.FixedLen, defaultValue: new[] { "tab\there" }),
            new FeatureSpec("a\\b\"c\u0001", FeatureDType.Int64, FeatureSpecKind.VarLen),
        ]);

        AssertPython(
            """
            import tensorflow as tf

            features = {
                "a\\b\"c\x01": tf.io.VarLenFeature(tf.int64),
                "名前": tf.io.FixedLenFeature([], tf.string, default_value="tab\there"),
            }


            def parse(serialized):
                example = tf.io.parse_single_example(serialized, features)
                return example

            """,
            schema);
    }

    [Fact]
    public void Float_defaults_that_are_not_finite_use_float_constructors()
    {
        var schema = new ExampleSchema("Special", ExampleSchemaKind.Example,
        [
            new FeatureSpec("x", FeatureDType.Float32, FeatureSpecKind.FixedLen, shape: [3], defaultValue: new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity }),
        ]);

        Assert.Contains(
            "\"x\": tf.io.FixedLenFeature([3], tf.float32, default_value=[float(\"nan\"), float(\"inf\"), float(\"-inf\")]),\n",
            schema.ToPython());
    }

    [Fact]
    public void The_text_depends_only_on_the_features_not_their_order()
    {
        FeatureSpec[] features =
        [
            new FeatureSpec("b", FeatureDType.Int64, FeatureSpecKind.FixedLen),
            new FeatureSpec("a", FeatureDType.Float32, FeatureSpecKind.VarLen),
            new FeatureSpec("c", FeatureDType.String, FeatureSpecKind.FixedLen, decodeRawShape: [3]),
        ];
        string python = new ExampleSchema("T", ExampleSchemaKind.Example, features).ToPython();

        Assert.Equal(python, new ExampleSchema("T", ExampleSchemaKind.Example, features.Reverse()).ToPython());
        Assert.Equal(python, new ExampleSchema("T", ExampleSchemaKind.Example, features).ToPython());
        Assert.DoesNotContain("\r", python);
    }

    private static void AssertPython(string expected, ExampleSchema schema) =>
        Assert.Equal(expected.ReplaceLineEndings("\n"), schema.ToPython());
}
