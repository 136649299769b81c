using System.Text.Json.Nodes;
using SchemaGen.Testing.Fixtures;

namespace SchemaGen.Cli.Tests.Commands;

public class WriteCommandTests
{
    [Theory]
    [InlineData("pwnall-singles.jsonl", InteropRecords.PwnallSingles)]
    [InlineData("tfx-mnist-first3.jsonl", InteropRecords.Mnist)]
    public void Files_already_in_key_order_come_back_byte_for_byte(string fixture, string original)
    {
        // MANIFEST: these records are TensorFlow's bytes and already protobuf's deterministic (sorted-key) encoding.
        using var temp = new TempDirectory();
        var written = temp.File("out.tfrecord");

        var result = Schemagen.Run("write", written, "--from-jsonl", Fixtures.Path(fixture));

        Assert.Equal("", result.Error);
        Assert.Equal(0, result.ExitCode);
        var expected = RecordPayloadReader.Read(InteropFiles.Path(original), limit: Fixtures.Lines(fixture).Length);
        Assert.Equal(expected, RecordPayloadReader.Read(written));
    }

    [Theory]
    [InlineData("pytorch-example.jsonl", InteropRecords.PytorchExample, false)]
    [InlineData("tfx-penguin-eval.jsonl", InteropRecords.PenguinEval, false)]
    [InlineData("pytorch-sequence-example.jsonl", InteropRecords.PytorchSequenceExample, true)]
    [InlineData("tfx-external-sequence-first20.jsonl", InteropRecords.ExternalSequence, true)]
    public void Records_are_written_with_map_keys_sorted(string fixture, string original, bool sequence)
    {
        using var temp = new TempDirectory();
        var written = temp.File("out.tfrecord");

        var result = Schemagen.Run(["write", written, "--from-jsonl", Fixtures.Path(fixture), .. sequence ? ["--sequence"] : Array.Empty<string>()]);

        Assert.Equal(0, result.ExitCode);
        var expected = RecordPayloadReader.Read(InteropFiles.Path(original), limit: Fixtures.Lines(fixture).Length)
            .Select(payload => RecordPayloadReader.SortedEncoding(payload, sequence));
        Assert.Equal(expected, RecordPayloadReader.Read(written));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Records_are_the_bytes_Python_serializes_deterministically(bool sequence)
    {
        // Non-ASCII keys sorted by code point, extreme int64 and float32 values, NaN, empty lists, no kind, empty messages,
        // empty keys.
        using var temp = new TempDirectory();
        var cases = SyntheticCase.All.Where(c => c.IsSequence == sequence).ToList();
        var input = temp.File("in.jsonl");
        File.WriteAllLines(input, cases.Select(c => c.PythonJson));
        var written = temp.File("out.tfrecord");

        var result = Schemagen.Run(["write", written, "--from-jsonl", input, .. sequence ? ["--sequence"] : Array.Empty<string>()]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(cases.Select(c => c.PythonBytes), RecordPayloadReader.Read(written));
    }

    [Fact]
    public void Records_with_an_empty_key_are_the_bytes_TensorFlow_serializes_deterministically()
    {
        // TensorFlow's C++ protobuf writes the empty key's key field (0A 00), which Google.Protobuf leaves out:
        // 300 Examples and 100 SequenceExamples from the runtime's fixture, made by protobuf's C++ serializer.
        using var temp = new TempDirectory();
        foreach (bool sequence in new[] { false, true })
        {
            var cases = EmptyKeyRecord.All.Where(c => c.IsSequence == sequence).ToList();
            var input = temp.File($"in-{sequence}.jsonl");
            File.WriteAllLines(input, cases.Select(c => c.Json));
            var written = temp.File($"out-{sequence}.tfrecord");

            var result = Schemagen.Run(["write", written, "--from-jsonl", input, .. sequence ? ["--sequence"] : Array.Empty<string>()]);

            Assert.Equal("", result.Error);
            Assert.Equal(0, result.ExitCode);
            Assert.Equal(cases.Select(c => c.TensorFlowBytes), RecordPayloadReader.Read(written));
        }
    }

    public static TheoryData<string, bool> SortedInputs => new()
    {
        { "pwnall-singles.jsonl", false },
        { "tfx-mnist-first3.jsonl", false },
        { "synthetic Example", false },
        { "synthetic SequenceExample", true },
    };

    [Theory]
    [MemberData(nameof(SortedInputs))]
    public void Cat_of_a_written_file_prints_the_input_lines_again_when_keys_were_already_sorted(string source, bool sequence)
    {
        using var temp = new TempDirectory();
        var lines = source.EndsWith(".jsonl", StringComparison.Ordinal)
            ? Fixtures.Lines(source)
            : SyntheticCase.All.Where(c => c.IsSequence == sequence).Select(c => c.PythonJson).ToArray();
        var input = temp.File("in.jsonl");
        File.WriteAllLines(input, lines);
        var written = temp.File("out.tfrecord");
        string[] flag = sequence ? ["--sequence"] : [];

        Schemagen.Run(["write", written, "--from-jsonl", input, .. flag]);
        var result = Schemagen.Run(["cat", written, .. flag]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Concat(lines.Select(line => line + "\n")), result.Out);
    }

    [Theory]
    [InlineData("pytorch-example.jsonl", false)]
    [InlineData("tfx-penguin-eval.jsonl", false)]
    [InlineData("tf-benchmarks-validation-00000-first4.jsonl", false)]
    [InlineData("pytorch-sequence-example.jsonl", true)]
    [InlineData("tfx-external-sequence-first20.jsonl", true)]
    public void Cat_of_a_written_file_prints_the_same_JSON_with_keys_in_sorted_order(string fixture, bool sequence)
    {
        using var temp = new TempDirectory();
        var written = temp.File("out.tfrecord");
        string[] flag = sequence ? ["--sequence"] : [];

        Schemagen.Run(["write", written, "--from-jsonl", Fixtures.Path(fixture), .. flag]);
        var result = Schemagen.Run(["cat", written, .. flag]);

        Assert.Equal(0, result.ExitCode);
        var input = Fixtures.Lines(fixture);
        Assert.Equal(input.Length, result.OutLines.Length);
        for (var i = 0; i < input.Length; i++)
        {
            var expected = JsonNode.Parse(input[i]);
            var actual = JsonNode.Parse(result.OutLines[i]);
            Assert.True(JsonNode.DeepEquals(expected, actual), $"line {i + 1}: {result.OutLines[i]}");
            Assert.All(MapKeyLists(actual), keys => Assert.Equal(keys.Order(StringComparer.Ordinal), keys));
        }
    }

    [Theory]
    [InlineData("gzip", new byte[] { 0x1F, 0x8B })]
    [InlineData("zlib", new byte[] { 0x78 })]
    public void Compressed_output_is_detected_again_on_read(string compression, byte[] magic)
    {
        using var temp = new TempDirectory();
        var plain = temp.File("plain.tfrecord");
        var compressed = temp.File("compressed.tfrecord");
        var input = Fixtures.Path("tfx-penguin-eval.jsonl");

        Schemagen.Run("write", plain, "--from-jsonl", input);
        var result = Schemagen.Run("write", compressed, "--from-jsonl", input, "--compression", compression);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(magic, File.ReadAllBytes(compressed)[..magic.Length]);
        Assert.Equal($"100\t{compressed}\n100\ttotal\n", Schemagen.Run("count", compressed).Out);
        Assert.Equal(RecordPayloadReader.Read(plain), RecordPayloadReader.Read(compressed));
    }

    [Fact]
    public void Index_option_writes_offsets_and_framed_sizes_beside_the_file()
    {
        using var temp = new TempDirectory();
        var cases = SyntheticCase.All.Where(c => !c.IsSequence).ToList();
        var input = temp.File("in.jsonl");
        File.WriteAllLines(input, cases.Select(c => c.PythonJson));
        var written = temp.File("out.tfrecord");

        var result = Schemagen.Run("write", written, "--from-jsonl", input, "--index");

        Assert.Equal("", result.Error);
        Assert.Equal(0, result.ExitCode);
        var expected = new System.Text.StringBuilder();
        long offset = 0;
        foreach (var size in cases.Select(c => 16 + c.PythonBytes.Length))
        {
            expected.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset} {size}\n");
            offset += size;
        }

        Assert.Equal(expected.ToString(), File.ReadAllText(written + ".idx"));
        Assert.Equal(offset, new FileInfo(written).Length);
    }

    [Fact]
    public void Writing_without_index_removes_an_index_left_from_an_earlier_file()
    {
        using var temp = new TempDirectory();
        var input = temp.File("in.jsonl");
        File.WriteAllText(input, Fixtures.Text("pwnall-singles.jsonl"));
        var written = temp.File("out.tfrecord");
        Assert.Equal(0, Schemagen.Run("write", written, "--from-jsonl", input, "--index").ExitCode);
        Assert.True(File.Exists(written + ".idx"));

        var result = Schemagen.Run("write", written, "--from-jsonl", input, "--compression", "gzip");

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(written + ".idx"));
    }

    [Fact]
    public void A_dash_reads_the_lines_from_standard_input()
    {
        using var temp = new TempDirectory();
        var written = temp.File("out.tfrecord");

        var result = Schemagen.RunWithInput(Fixtures.Text("pwnall-singles.jsonl"), "write", written, "--from-jsonl", "-");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(RecordPayloadReader.Read(InteropFiles.Path(InteropRecords.PwnallSingles)), RecordPayloadReader.Read(written));
    }

    [Fact]
    public void Blank_lines_are_skipped_and_line_numbers_still_count_them()
    {
        using var temp = new TempDirectory();
        var input = temp.File("in.jsonl");
        var singles = Fixtures.Lines("pwnall-singles.jsonl");
        File.WriteAllText(input, $"{singles[0]}\n\n  \n{singles[1]}\n{{\"features\": 3}}\n");

        var result = Schemagen.Run("write", temp.File("out.tfrecord"), "--from-jsonl", input);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{input}:5: not a tensorflow.Example: ", result.Error);
    }

    [Theory]
    [InlineData("{\"features\": {\"feature\": {\"a\": {}}}", "invalid JSON")]
    [InlineData("{\"features\": {\"feature\": {\"a\": {}, \"a\": {}}}}", "invalid JSON")]
    [InlineData("{\"feature\": {}}", "not a tensorflow.Example")]
    [InlineData("{\"features\": {\"feature\": {\"a\": {\"int64List\": {\"value\": [\"x\"]}}}}}", "not a tensorflow.Example")]
    [InlineData("{\"features\": {\"feature\": {\"a\": {\"floatList\": {\"value\": [1e+39]}}}}}", "not a tensorflow.Example")]
    [InlineData("[]", "not a tensorflow.Example")]
    public void A_bad_line_is_one_error_naming_the_input_line_and_no_output_file_is_left(string badLine, string what)
    {
        using var temp = new TempDirectory();
        var input = temp.File("in.jsonl");
        var good = Fixtures.Lines("pwnall-singles.jsonl")[0];
        File.WriteAllLines(input, [good, good, badLine, good]);
        var output = temp.File("out.tfrecord");

        var result = Schemagen.Run("write", output, "--from-jsonl", input);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{input}:3: {what}", result.Error);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Verbose_adds_the_stack_trace()
    {
        using var temp = new TempDirectory();
        var input = temp.File("in.jsonl");
        File.WriteAllText(input, "{oops\n");

        var result = Schemagen.Run("write", temp.File("out.tfrecord"), "--from-jsonl", input, "--verbose");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{input}:1: invalid JSON", result.Error, StringComparison.Ordinal);
        Assert.Contains("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_input_names_the_file_and_writes_nothing()
    {
        using var temp = new TempDirectory();
        var missing = temp.File("missing.jsonl");
        var output = temp.File("out.tfrecord");

        var result = Schemagen.Run("write", output, "--from-jsonl", missing);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"{missing}: no such file\n", result.Error);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("--compression", "gzip", "--index")]
    [InlineData("--compression", "brotli")]
    public void Impossible_option_combinations_are_usage_errors(params string[] options)
    {
        using var temp = new TempDirectory();
        var output = temp.File("out.tfrecord");

        var result = Schemagen.Run(["write", output, "--from-jsonl", Fixtures.Path("pwnall-singles.jsonl"), .. options]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.NotEqual("", result.Error);
        Assert.False(File.Exists(output));
    }

    // The key lists of every Features.feature and FeatureLists.feature_list object in a printed record.
    private static IEnumerable<List<string>> MapKeyLists(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            yield break;
        }

        foreach (var (name, value) in obj)
        {
            if (name is "feature" or "featureList" && value is JsonObject map)
            {
                yield return map.Select(entry => entry.Key).ToList();
            }

            foreach (var keys in MapKeyLists(value))
            {
                yield return keys;
            }
        }
    }
}
