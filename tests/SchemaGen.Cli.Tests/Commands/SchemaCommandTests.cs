using System.Runtime.Loader;
using Google.Protobuf;
using SchemaGen.Generator.Naming;
using SchemaGen.Protos;
using SchemaGen.Schema;

using static SchemaGen.Cli.Tests.Commands.ProtobufRecords;

namespace SchemaGen.Cli.Tests.Commands;

/// <summary>
/// <c>schemagen schema</c> on the interop files: expected declarations written by hand from the facts MANIFEST.md
/// states, and every printed declaration compiled with the generator and run over every record it came from.
/// </summary>
public class SchemaCommandTests
{
    private const string Benchmarks = "tensorflow-benchmarks/scripts/tf_cnn_benchmarks/test_data/fake_tf_record_data/";

    private static readonly string[] BenchmarkShards =
        [.. Enumerable.Range(0, 8).Select(i => $"{Benchmarks}train-0000{i}-of-00008"), $"{Benchmarks}validation-00000-of-00002", $"{Benchmarks}validation-00001-of-00002"];

    [Fact]
    public void Penguin_floats_and_an_int64_label_are_scalars()
    {
        CliResult result = Schemagen.Run("schema", InteropFiles.Path(InteropRecords.PenguinEval), "--name", "Penguin", "--namespace", "Palmer.Penguins");

        Assert.Equal("", result.Error);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            // Inferred by `schemagen schema` from 100 records of data_tfrecord-00000-of-00001.gz.
            using SchemaGen;

            namespace Palmer.Penguins;

            [TfExample]
            public partial record Penguin(
                float BodyMassG,
                float CulmenDepthMm,
                float CulmenLengthMm,
                float FlipperLengthMm,
                long Species);

            """.ReplaceLineEndings("\n"),
            result.Out);
    }

    [Fact]
    public void Benchmark_shards_give_keys_with_slashes_explicitly_and_boxes_as_lists_since_validation_has_none()
    {
        CliResult result = Schemagen.Run(["schema", .. BenchmarkShards.Select(InteropFiles.Path), "--name", "FakeImageNet"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            // Inferred by `schemagen schema` from 640 records in 10 files.
            // "image/encoded" holds encoded images (JPEG): decode them on the dataset's workers with SchemaGen.Imaging's DecodeImages(b => b.ImageEncoded, …).
            // The keys follow TF-slim's ImageNet layout (tf_cnn_benchmarks): image/encoded, image/format, image/class/label.
            // image/object/bbox/ymin, xmin, ymax and xmax are the TF Object Detection API's boxes, relative to the image (0 to 1), one value per object.
            using SchemaGen;

            [TfExample]
            public partial record FakeImageNet(
                [property: TfFeature("image/channels")] long ImageChannels,
                [property: TfFeature("image/class/label")] long ImageClassLabel,
                [property: TfFeature("image/class/synset")] string ImageClassSynset,
                [property: TfFeature("image/class/text")] string ImageClassText,
                [property: TfFeature("image/colorspace")] string ImageColorspace,
                [property: TfFeature("image/encoded")] byte[] ImageEncoded,
                [property: TfFeature("image/filename")] string ImageFilename,
                [property: TfFeature("image/format")] string ImageFormat,
                [property: TfFeature("image/height")] long ImageHeight,
                [property: TfFeature("image/object/bbox/label")] long[] ImageObjectBboxLabel,
                [property: TfFeature("image/object/bbox/xmax")] float[] ImageObjectBboxXmax,
                [property: TfFeature("image/object/bbox/xmin")] float[] ImageObjectBboxXmin,
                [property: TfFeature("image/object/bbox/ymax")] float[] ImageObjectBboxYmax,
                [property: TfFeature("image/object/bbox/ymin")] float[] ImageObjectBboxYmin,
                [property: TfFeature("image/width")] long ImageWidth);

            """.ReplaceLineEndings("\n"),
            result.Out);
    }

    [Fact]
    public void Train_shards_alone_hold_exactly_one_box_so_it_is_a_scalar()
    {
        CliResult result = Schemagen.Run(["schema", .. BenchmarkShards.Take(8).Select(InteropFiles.Path)]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("    [property: TfFeature(\"image/object/bbox/label\")] long ImageObjectBboxLabel,\n", result.Out);
        Assert.Contains("    [property: TfFeature(\"image/object/bbox/xmin\")] float ImageObjectBboxXmin,\n", result.Out);
        Assert.Contains("public partial record Record(\n", result.Out);
    }

    [Fact]
    public void Mnist_pixels_are_a_fixed_shape()
    {
        CliResult result = Schemagen.Run("schema", InteropFiles.Path(InteropRecords.Mnist), "--name", "Digit");

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith(
            """
            [TfExample]
            public partial record Digit(
                long ImageClass,
                [property: TfFeature(Shape = new[] { 784 })] float[] ImageFloats);

            """.ReplaceLineEndings("\n"),
            result.Out);
    }

    [Fact]
    public void Keys_missing_from_some_records_are_nullable()
    {
        CliResult result = Schemagen.Run("schema", InteropFiles.Path(InteropRecords.PwnallSingles));

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith(
            """
            public partial record Record(
                string? ByteFeature,
                float? FloatFeature,
                long? IntFeature);

            """.ReplaceLineEndings("\n"),
            result.Out);
    }

    [Fact]
    public void Python_prints_the_feature_spec_of_the_declaration()
    {
        CliResult result = Schemagen.Run("schema", InteropFiles.Path(InteropRecords.PenguinEval), "--python");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            import tensorflow as tf

            features = {
                "body_mass_g": tf.io.FixedLenFeature([], tf.float32),
                "culmen_depth_mm": tf.io.FixedLenFeature([], tf.float32),
                "culmen_length_mm": tf.io.FixedLenFeature([], tf.float32),
                "flipper_length_mm": tf.io.FixedLenFeature([], tf.float32),
                "species": tf.io.FixedLenFeature([], tf.int64),
            }


            def parse(serialized):
                example = tf.io.parse_single_example(serialized, features)
                return example

            """.ReplaceLineEndings("\n"),
            result.Out);
    }

    [Fact]
    public void Sequence_declares_context_features_and_feature_lists_of_fixed_size_steps()
    {
        CliResult result = Schemagen.Run("schema", InteropFiles.Path(InteropRecords.PytorchSequenceExample), "--sequence", "--name", "Sequence");

        Assert.Equal("", result.Error);
        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith(
            """
            [TfSequenceExample]
            public partial record Sequence(
                string XByte,
                [property: TfFeature(Shape = new[] { 10 })] float[] XFloat,
                [property: TfFeature(Shape = new[] { 10 })] long[] XInt,
                [property: TfFeatureList] string[] XByteSeq,
                [property: TfFeatureList, TfFeature(Shape = new[] { 10 })] float[][] XFloatSeq,
                [property: TfFeatureList, TfFeature(Shape = new[] { 10 })] long[][] XIntSeq);

            """.ReplaceLineEndings("\n"),
            result.Out);
    }

    [Fact]
    public void Context_features_with_no_kind_in_some_records_are_optional()
    {
        // Every tenth record's i and f are Features with no kind set: TensorFlow reads those as missing.
        CliResult result = Schemagen.Run("schema", InteropFiles.Path(InteropRecords.ExternalSequence), "--sequence", "--python");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            import tensorflow as tf

            context_features = {
                "f": tf.io.VarLenFeature(tf.float32),  # optional; when present: shape []
                "i": tf.io.VarLenFeature(tf.int64),  # optional; when present: shape []
            }

            sequence_features = {
                "s": tf.io.FixedLenSequenceFeature([], tf.string, allow_missing=True),
            }


            def parse(serialized):
                context, sequence = tf.io.parse_single_sequence_example(serialized, context_features, sequence_features)
                return context, sequence

            """.ReplaceLineEndings("\n"),
            result.Out);
    }

    [Fact]
    public void SequenceExamples_read_as_Examples_get_their_context_and_a_note()
    {
        CliResult result = Schemagen.Run("schema", InteropFiles.Path(InteropRecords.PytorchSequenceExample));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("    string XByte,\n", result.Out);
        Assert.DoesNotContain("Seq", result.Out);
        Assert.Equal("schemagen: note: the records have feature lists, so they look like SequenceExamples: --sequence declares those too.\n", result.Error);
    }

    [Fact]
    public void Bytes_are_a_string_only_when_every_value_is_text()
    {
        using var temp = new TempDirectory();
        string file = Write(temp.File("text.tfrecord"),
            Example(("name", Strings("héllo")), ("tabs", Strings("a\tb\r\n")), ("blob", Bytes([0xFF])), ("ctl", Strings("\u0001")), ("empty", Strings(""))),
            Example(("name", Strings("")), ("tabs", Strings("")), ("blob", Bytes([0x41])), ("ctl", Strings("ok")), ("empty", Strings(""))));

        CliResult result = Schemagen.Run("schema", file);

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith(
            """
            public partial record Record(
                byte[] Blob,
                byte[] Ctl,
                string Empty,
                string Name,
                string Tabs);

            """.ReplaceLineEndings("\n"),
            result.Out);
    }

    [Fact]
    public void Awkward_keys_get_distinct_valid_member_names_and_explicit_keys()
    {
        using var temp = new TempDirectory();
        string file = Write(temp.File("keys.tfrecord"), Example(
            ("a_b", Int64s(1)), ("a/b", Int64s(2)), ("count", Int64s(3)), ("9lives", Int64s(4)), ("record", Int64s(5)), ("say \"x\"", Int64s(6)), ("imageData", Int64s(7))));

        CliResult result = Schemagen.Run("schema", file);

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith(
            """
            public partial record Record(
                [property: TfFeature("9lives")] long Feature9lives,
                [property: TfFeature("a/b")] long AB,
                [property: TfFeature("a_b")] long AB2,
                [property: TfFeature("count")] long Count2,
                [property: TfFeature("imageData")] long ImageData,
                [property: TfFeature("record")] long Record2,
                [property: TfFeature("say \"x\"")] long SayX);

            """.ReplaceLineEndings("\n"),
            result.Out);
    }

    [Fact]
    public void Keys_that_never_hold_a_value_and_ragged_feature_lists_are_left_out_with_a_note()
    {
        using var temp = new TempDirectory();
        var sequence = new SequenceExample
        {
            Context = new Features { Feature = { ["empty"] = new Feature(), ["id"] = Int64s(1) } },
            FeatureLists = new FeatureLists
            {
                FeatureList =
                {
                    ["ragged"] = new FeatureList { Feature = { Int64s(1), Int64s(1, 2) } },
                    ["steps"] = new FeatureList { Feature = { Int64s(1, 2), Int64s(3, 4) } },
                },
            },
        };
        string file = Write(temp.File("ragged.tfrecord"), sequence.ToByteArray());

        CliResult result = Schemagen.Run("schema", file, "--sequence");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            // Inferred by `schemagen schema` from 1 record of ragged.tfrecord.
            // "empty" holds no value in any record: left out.
            // feature list "ragged" has steps of 1 to 2 values; a declared feature list needs the same number in every step: left out.
            using SchemaGen;

            [TfSequenceExample]
            public partial record Record(
                long Id,
                [property: TfFeatureList, TfFeature(Shape = new[] { 2 })] long[][] Steps);

            """.ReplaceLineEndings("\n"),
            result.Out);
    }

    [Fact]
    public void A_key_holding_two_dtypes_is_an_error_naming_both_records()
    {
        using var temp = new TempDirectory();
        byte[] first = Example(("x", Int64s(1)));
        string file = Write(temp.File("mixed.tfrecord"), first, Example(("x", Floats(1))));

        CliResult result = Schemagen.Run("schema", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Equal($"{file}: record 1 at {16 + first.Length}: \"x\" holds a float_list, but record 0 holds an int64_list: no schema parses both.\n", result.Error);
    }

    [Theory]
    [InlineData("--name", "int", "schemagen: --name 'int' is not a C# type name.\n")]
    [InlineData("--name", "9x", "schemagen: --name '9x' is not a C# type name.\n")]
    [InlineData("--namespace", "A..B", "schemagen: --namespace 'A..B' is not a C# namespace.\n")]
    public void Names_that_are_not_CSharp_are_rejected(string option, string value, string error)
    {
        CliResult result = Schemagen.Run("schema", InteropFiles.Path(InteropRecords.PwnallSingles), option, value);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void Files_without_records_and_missing_files_are_errors()
    {
        using var temp = new TempDirectory();
        string empty = temp.File("empty.tfrecord");
        File.WriteAllBytes(empty, []);

        Assert.Equal($"schemagen: {empty} hold no records to infer a schema from.\n", Schemagen.Run("schema", empty).Error);
        Assert.Equal($"{temp.File("nope")}: no such file\n", Schemagen.Run("schema", temp.File("nope")).Error);
    }

    public static TheoryData<string, bool, string[]> InteropSets => new()
    {
        { "Penguin", false, [InteropRecords.PenguinEval] },
        { "FakeImageNet", false, BenchmarkShards },
        { "Digit", false, [InteropRecords.Mnist] },
        { "Pwnall", false, [InteropRecords.PwnallSingles, "pwnall-tfrecord/data.tfrecord"] },
        { "Pytorch", false, [InteropRecords.PytorchExample] },
        { "NextPage", false, ["tensorflow-tfx/tfx/examples/tfjs_next_page_prediction/data/data.tfrecord.gz"] },
        { "Detection", false, ["datumaro/tests/assets/tf_detection_api_dataset/train.tfrecord", "datumaro/tests/assets/tf_detection_api_dataset/val.tfrecord", "datumaro/tests/assets/tf_detection_api_dataset/test.tfrecord"] },
        { "PytorchSequence", true, [InteropRecords.PytorchSequenceExample] },
        { "Dummy", true, [InteropRecords.ExternalSequence] },
    };

    [Theory]
    [MemberData(nameof(InteropSets))]
    public void The_printed_declaration_compiles_with_the_generator_and_parses_every_record(string name, bool sequence, string[] files)
    {
        string[] paths = [.. files.Select(InteropFiles.Path)];
        string[] options = ["--name", name, "--namespace", "Inferred", .. sequence ? ["--sequence"] : Array.Empty<string>()];
        CliResult declaration = Schemagen.Run(["schema", .. paths, .. options]);
        CliResult python = Schemagen.Run(["schema", .. paths, .. options, "--python"]);
        Assert.Equal(0, declaration.ExitCode);

        var context = new AssemblyLoadContext(name, isCollectible: true);
        try
        {
            Type type = InferredSchemas.Compile(declaration.Out, "Inferred." + name, context);
            var schema = (ExampleSchema)type.GetProperty("Schema")!.GetValue(null)!;
            Assert.Equal(python.Out, schema.ToPython());
            long records = InferredSchemas.ParseEveryRecord(type, sequence, paths);
            Assert.Equal(paths.Sum(path => InteropRecords.All.Single(file => InteropFiles.Path(file.Path) == path).Records), records);
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void The_declaration_of_awkward_keys_and_text_compiles_and_parses_its_records()
    {
        using var temp = new TempDirectory();
        string file = Write(temp.File("awkward.tfrecord"),
            Example(("a_b", Int64s(1)), ("a/b", Floats(2)), ("count", Strings("é")), ("9lives", Bytes([0xFF, 0])), ("record", Int64s(1, 2)), ("schema", Strings("a", "b"))),
            Example(("a_b", Int64s(3)), ("count", Strings("x")), ("9lives", Bytes([])), ("record", Int64s(3, 4)), ("schema", Strings("c")), ("extra", new Feature())));
        CliResult declaration = Schemagen.Run("schema", file, "--name", "Awkward", "--namespace", "Inferred");
        Assert.Equal(0, declaration.ExitCode);

        var context = new AssemblyLoadContext("awkward", isCollectible: true);
        try
        {
            Type type = InferredSchemas.Compile(declaration.Out, "Inferred.Awkward", context);
            Assert.Equal(2, InferredSchemas.ParseEveryRecord(type, sequence: false, [file]));
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void Keys_named_like_every_generated_member_keep_their_keys_through_the_generator()
    {
        // The snake case of each name generated code takes (and of a few ordinary and awkward keys): schemagen schema
        // must name each member around the reserved names and give an explicit key wherever the generator's rule
        // would not derive it back, or the compiled type's bytes differ from Google.Protobuf's.
        string[] keys =
        [
            .. FeatureNaming.TypeMembers.Concat(FeatureNaming.BatchMembers).Concat(FeatureNaming.RecordMembers).Select(FeatureNaming.ToSnakeCase),
            "image_data", "http_code", "layer2_norm", "a_b", "HTTPCode",
        ];
        using var temp = new TempDirectory();
        string file = Write(temp.File("reserved.tfrecord"), Example([.. keys.Select((key, i) => (key, Int64s(i)))]));
        CliResult declaration = Schemagen.Run("schema", file, "--name", "Reserved", "--namespace", "Inferred");
        Assert.Equal(0, declaration.ExitCode);

        var context = new AssemblyLoadContext("reserved", isCollectible: true);
        try
        {
            Type type = InferredSchemas.Compile(declaration.Out, "Inferred.Reserved", context);
            Assert.Equal(1, InferredSchemas.ParseEveryRecord(type, sequence: false, [file]));
        }
        finally
        {
            context.Unload();
        }
    }
}
