namespace SchemaGen.Cli.Tests.Commands;

public class CatCommandTests
{
    // Fixture (Python's MessageToJson lines), interop file, SequenceExample?, records in the fixture (null: all).
    public static TheoryData<string, string, bool, int?> PythonFixtures => new()
    {
        { "pwnall-singles.jsonl", InteropRecords.PwnallSingles, false, null },
        { "pwnall-data.jsonl", "pwnall-tfrecord/data.tfrecord", false, null },
        { "pytorch-example.jsonl", InteropRecords.PytorchExample, false, null },
        { "pytorch-sequence-example.jsonl", InteropRecords.PytorchSequenceExample, true, null },
        { "tfx-penguin-eval.jsonl", InteropRecords.PenguinEval, false, null },
        { "tfx-tfjs-data.jsonl", "tensorflow-tfx/tfx/examples/tfjs_next_page_prediction/data/data.tfrecord.gz", false, null },
        { "tfx-mnist-first3.jsonl", InteropRecords.Mnist, false, 3 },
        { "tfx-external-sequence-first20.jsonl", InteropRecords.ExternalSequence, true, 20 },
        { "datumaro-tfod-train.jsonl", "datumaro/tests/assets/tf_detection_api_dataset/train.tfrecord", false, null },
        { "datumaro-tfod-val.jsonl", "datumaro/tests/assets/tf_detection_api_dataset/val.tfrecord", false, null },
        { "datumaro-tfod-test.jsonl", "datumaro/tests/assets/tf_detection_api_dataset/test.tfrecord", false, null },
        { "datumaro-roboflow-train.jsonl", "datumaro/tests/assets/roboflow_dataset/tfrecord/train/train.tfrecord", false, null },
        { "datumaro-roboflow-val.jsonl", "datumaro/tests/assets/roboflow_dataset/tfrecord/val/val.tfrecord", false, null },
        { "tf-benchmarks-train-00000-first4.jsonl", "tensorflow-benchmarks/scripts/tf_cnn_benchmarks/test_data/fake_tf_record_data/train-00000-of-00008", false, 4 },
        { "tf-benchmarks-validation-00000-first4.jsonl", "tensorflow-benchmarks/scripts/tf_cnn_benchmarks/test_data/fake_tf_record_data/validation-00000-of-00002", false, 4 },
    };

    [Theory]
    [MemberData(nameof(PythonFixtures))]
    public void Prints_what_Python_json_format_prints(string fixture, string file, bool sequence, int? limit)
    {
        string[] args = ["cat", InteropFiles.Path(file)];
        if (sequence)
        {
            args = [.. args, "--sequence"];
        }

        if (limit is { } n)
        {
            args = [.. args, "--limit", n.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }

        var result = Schemagen.Run(args);

        Assert.Equal("", result.Error);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Fixtures.Text(fixture), result.Out);
    }

    [Theory]
    [InlineData("10", "5", 10, 5)]
    [InlineData("0", "0", 0, 0)]
    [InlineData("98", "50", 98, 2)]
    [InlineData("100", null, 100, 0)]
    [InlineData("250", null, 100, 0)]
    public void Skip_and_limit_select_a_window_of_records(string skip, string? limit, int from, int count)
    {
        string[] args = ["cat", InteropFiles.Path(InteropRecords.PenguinEval), "--skip", skip];
        if (limit is not null)
        {
            args = [.. args, "--limit", limit];
        }

        var result = Schemagen.Run(args);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Fixtures.Lines("tfx-penguin-eval.jsonl").Skip(from).Take(count), result.OutLines);
    }

    [Fact]
    public void Skip_and_limit_work_on_sequence_examples()
    {
        var result = Schemagen.Run("cat", InteropFiles.Path(InteropRecords.ExternalSequence), "--sequence", "--skip", "7", "--limit", "9");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Fixtures.Lines("tfx-external-sequence-first20.jsonl").Skip(7).Take(9), result.OutLines);
    }

    [Fact]
    public void Without_sequence_a_SequenceExample_prints_as_the_Example_its_context_field_reads_as()
    {
        // SequenceExample.context and Example.features are both field 1 of type Features; feature_lists is unknown.
        var result = Schemagen.Run("cat", InteropFiles.Path(InteropRecords.PytorchSequenceExample), "--limit", "1");

        var python = Fixtures.Lines("pytorch-sequence-example.jsonl")[0];
        var context = python[python.IndexOf("{\"feature\"", StringComparison.Ordinal)..python.IndexOf(", \"featureLists\"", StringComparison.Ordinal)];
        Assert.Equal($"{{\"features\": {context}}}\n", result.Out);
    }

    [Fact]
    public void A_record_that_is_not_protobuf_is_an_error_naming_file_record_and_offset()
    {
        // Record 1 claims a 5-byte field 1 but holds 1 byte: sound framing, broken protobuf.
        using var temp = new TempDirectory();
        var file = temp.File("mixed.tfrecord");
        var singles = RecordPayloadReader.Read(InteropFiles.Path(InteropRecords.PwnallSingles));
        using (var writer = new TfRecordWriter(file))
        {
            writer.Write(singles[0]);
            writer.Write([0x0A, 0x05, 0x01]);
        }

        var result = Schemagen.Run("cat", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(Fixtures.Lines("pwnall-singles.jsonl")[0] + "\n", result.Out);
        Assert.StartsWith($"{file}: record 1 at {16 + singles[0].Length} is not a tensorflow.Example: ", result.Error);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Records_of_another_message_type_print_as_protobuf_reads_them_with_unknown_fields_dropped()
    {
        // TensorBoard Event records: field 1 is a double, not Features, so Google.Protobuf (like Python) skips every
        // field as unknown and each record is an empty Example.
        var result = Schemagen.Run("cat", InteropFiles.Path(InteropRecords.TaxiEvents));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Concat(Enumerable.Repeat("{}\n", 7)), result.Out);
    }

    [Fact]
    public void Damage_stops_the_output_after_the_sound_records_with_one_error_line()
    {
        using var temp = new TempDirectory();
        var damaged = Damage.FlipByte(temp, InteropRecords.PytorchExample, 255 + 12 + 3);

        var result = Schemagen.Run("cat", damaged);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(Fixtures.Lines("pytorch-example.jsonl").Take(2), result.OutLines);
        Assert.Equal($"{damaged}: corrupted record at 267\n", result.Error);
    }

    [Theory]
    [InlineData("--skip", "-1")]
    [InlineData("--limit", "-3")]
    [InlineData("--limit", "many")]
    public void Negative_or_non_numeric_counts_are_usage_errors(string option, string value)
    {
        var result = Schemagen.Run("cat", InteropFiles.Path(InteropRecords.PwnallSingles), option, value);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains(option, result.Error, StringComparison.Ordinal);
    }
}
