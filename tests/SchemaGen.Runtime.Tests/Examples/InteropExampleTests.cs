using System.Text;
using Google.Protobuf;
using SchemaGen.Examples;
using SchemaGen.Protos;

namespace SchemaGen.Runtime.Tests.Examples;

/// <summary>
/// Records other tools wrote (tests/data/interop, see its MANIFEST.md): the values the manifest states read back, and
/// re-encoding with sorted keys gives Google.Protobuf's deterministic bytes (the manifest: every record is canonical
/// apart from map order).
/// </summary>
public class InteropExampleTests
{
    private static readonly string[] LabelTexts = ["0", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    [Fact]
    public void Pwnall_singles_read_as_the_manifest_states_and_reencode_byte_for_byte()
    {
        List<byte[]> payloads = RecordPayloads.Read("pwnall-tfrecord/testdata/singles.tfrecords");

        // The manifest prints the whole file in hex; these are its payload columns.
        Assert.Equal(
            ["0a160a140a0b696e745f6665617475726512051a030a012a", "0a1b0a190a0d666c6f61745f66656174757265120812060a04c3f54840", "0a1b0a190a0c627974655f6665617475726512090a070a054041424344"],
            payloads.Select(Convert.ToHexStringLower));
        Assert.Equal([42L], Feature(payloads[0], "int_feature").ToInt64Array());
        Assert.Equal(0x4048F5C3u, BitConverter.SingleToUInt32Bits(Feature(payloads[1], "float_feature").ToFloatArray().Single()));
        Assert.Equal([new byte[] { 64, 65, 66, 67, 68 }], Feature(payloads[2], "byte_feature").ToBytesArray());

        // Single-key records are sorted already, so re-encoding gives them back exactly.
        foreach (byte[] payload in payloads)
        {
            Assert.Equal(payload, Reencoder.Example(payload));
        }
    }

    [Fact]
    public void Pwnall_third_party_record_reads_in_wire_order_and_reencodes_sorted()
    {
        byte[] payload = RecordPayloads.Read("pwnall-tfrecord/data.tfrecord").Single();

        Assert.Equal(["answer", "pi", "name"], Keys(payload));
        Assert.Equal([42L], Feature(payload, "answer").ToInt64Array());
        Assert.Equal([3.14f], Feature(payload, "pi").ToFloatArray());
        Assert.Equal(["ABC"u8.ToArray()], Feature(payload, "name").ToBytesArray());
        AssertReencodesToSortedBytes(payload);
    }

    [Fact]
    public void Pytorch_examples_hold_the_values_their_script_wrote()
    {
        List<byte[]> payloads = RecordPayloads.Read("pytorch-data/test/_fakedata/tfrecord/example.tfrecord");

        Assert.Equal([108, 115, 118, 118], payloads.Select(p => p.Length));
        Assert.Equal(["x_int", "x_float", "x_byte"], Keys(payloads[0]));
        for (int i = 0; i < payloads.Count; i++)
        {
            Assert.Equal(Enumerable.Range(10 * i, 10).Select(x => (float)x), Feature(payloads[i], "x_float").ToFloatArray());
            Assert.Equal(Enumerable.Range(10 * i, 10).Select(x => 10L * x), Feature(payloads[i], "x_int").ToInt64Array());
            Assert.Equal(["test str"u8.ToArray()], Feature(payloads[i], "x_byte").ToBytesArray());
            AssertReencodesToSortedBytes(payloads[i]);
        }
    }

    [Fact]
    public void Pytorch_sequence_examples_have_3_5_7_9_steps_of_the_context_values()
    {
        List<byte[]> payloads = RecordPayloads.Read("pytorch-data/test/_fakedata/tfrecord/sequence_example.tfrecord");

        Assert.Equal([389, 584, 775, 948], payloads.Select(p => p.Length));
        for (int i = 0; i < payloads.Count; i++)
        {
            var reader = new SequenceExampleReader(payloads[i]);
            float[] floats = Enumerable.Range(10 * i, 10).Select(x => (float)x).ToArray();
            long[] ints = Enumerable.Range(10 * i, 10).Select(x => 10L * x).ToArray();
            Assert.True(reader.Context.TryGetFeature("x_float", out FeatureReader contextFloats));
            Assert.Equal(floats, contextFloats.ToFloatArray());
            Assert.True(reader.Context.TryGetFeature("x_int"u8, out FeatureReader contextInts));
            Assert.Equal(ints, contextInts.ToInt64Array());

            int steps = 2 * i + 3;
            Assert.Equal(Enumerable.Repeat(floats, steps), Steps(reader, "x_float_seq", step => step.ToFloatArray()));
            Assert.Equal(Enumerable.Repeat(ints, steps), Steps(reader, "x_int_seq", step => step.ToInt64Array()));
            Assert.Equal(Enumerable.Repeat("test str", steps), Steps(reader, "x_byte_seq", step => Encoding.UTF8.GetString(step.ToBytesArray().Single())));
            AssertSequenceReencodesToSortedBytes(payloads[i]);
        }
    }

    [Fact]
    public void Tf_benchmarks_imagenet_records_hold_the_documented_values()
    {
        List<byte[]> payloads = RecordPayloads.Read("tensorflow-benchmarks/scripts/tf_cnn_benchmarks/test_data/fake_tf_record_data/train-00000-of-00008");

        Assert.Equal(64, payloads.Count);
        byte[] first = payloads[0];
        Assert.Equal(2087, first.Length);
        Assert.Equal([277L], Feature(first, "image/height").ToInt64Array());
        Assert.Equal([209L], Feature(first, "image/width").ToInt64Array());
        Assert.Equal(1637, Feature(first, "image/encoded").ToBytesArray().Single().Length);
        AssertClose(0.2946848f, Feature(first, "image/object/bbox/xmin").ToFloatArray().Single());
        AssertClose(0.29996425f, Feature(first, "image/object/bbox/ymin").ToFloatArray().Single());
        AssertClose(0.5176466f, Feature(first, "image/object/bbox/xmax").ToFloatArray().Single());
        AssertClose(0.76362777f, Feature(first, "image/object/bbox/ymax").ToFloatArray().Single());

        for (int n = 0; n < payloads.Count; n++)
        {
            byte[] payload = payloads[n];
            long label = n % 10;
            Assert.Equal(15, Keys(payload).Count);
            Assert.Equal($"train_{n}", Text(payload, "image/filename"));
            Assert.Equal([label], Feature(payload, "image/class/label").ToInt64Array());
            Assert.Equal(label.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(payload, "image/class/synset"));
            Assert.Equal(LabelTexts[label], Text(payload, "image/class/text"));
            Assert.Equal([3L], Feature(payload, "image/channels").ToInt64Array());
            Assert.Equal("RGB", Text(payload, "image/colorspace"));
            Assert.Equal("JPEG", Text(payload, "image/format"));
            Assert.InRange(Feature(payload, "image/height").ToInt64Array().Single(), 30, 299);
            Assert.Equal([label], Feature(payload, "image/object/bbox/label").ToInt64Array());
            Assert.True(Feature(payload, "image/object/bbox/xmin").ToFloatArray().Single() < Feature(payload, "image/object/bbox/xmax").ToFloatArray().Single());
            Assert.Equal([0xFF, 0xD8], Feature(payload, "image/encoded").ToBytesArray().Single()[..2]);
            AssertReencodesToSortedBytes(payload);
        }
    }

    [Fact]
    public void Tf_benchmarks_validation_records_hold_empty_lists_of_their_kind()
    {
        byte[] first = RecordPayloads.Read("tensorflow-benchmarks/scripts/tf_cnn_benchmarks/test_data/fake_tf_record_data/validation-00000-of-00002")[0];

        Assert.Equal("validation_0", Text(first, "image/filename"));
        FeatureReader xmin = Feature(first, "image/object/bbox/xmin");
        Assert.Equal((FeatureKind.FloatList, 0), (xmin.Kind, xmin.Count));
        FeatureReader label = Feature(first, "image/object/bbox/label");
        Assert.Equal((FeatureKind.Int64List, 0), (label.Kind, label.Count));
        AssertReencodesToSortedBytes(first);
    }

    [Fact]
    public void Tfx_penguin_records_hold_the_documented_values()
    {
        List<byte[]> payloads = RecordPayloads.Read("tensorflow-tfx/tfx/components/testdata/penguin/data/Split-eval/data_tfrecord-00000-of-00001.gz");

        Assert.Equal(100, payloads.Count);
        Assert.Equal(136, payloads[0].Length);
        Assert.Equal([0.25694445f], Feature(payloads[0], "body_mass_g").ToFloatArray());
        Assert.Equal([0.5595238f], Feature(payloads[0], "culmen_depth_mm").ToFloatArray());
        Assert.Equal([0.24727273f], Feature(payloads[0], "culmen_length_mm").ToFloatArray());
        Assert.Equal([0.15254237f], Feature(payloads[0], "flipper_length_mm").ToFloatArray());
        Assert.Equal([0L], Feature(payloads[0], "species").ToInt64Array());

        var counts = payloads.GroupBy(p => Feature(p, "species").ToInt64Array().Single()).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<long, int> { [0] = 47, [1] = 22, [2] = 31 }, counts);
        payloads.ForEach(AssertReencodesToSortedBytes);
    }

    [Fact]
    public void Tfx_sequence_examples_follow_their_rule_including_features_with_no_kind()
    {
        List<byte[]> payloads = RecordPayloads.Read("tensorflow-tfx/tfx/components/testdata/external/tfrecord_sequence/data_tfrecord-00000-of-00001.gz");

        Assert.Equal(15000, payloads.Count);
        Assert.Equal("0a0e0a050a016612000a050a0169120012150a130a0173120e0a050a030a01300a050a030a0131", Convert.ToHexStringLower(payloads[0]));
        for (int n = 0; n < payloads.Count; n++)
        {
            AssertSequenceRule(payloads[n], n);
        }

        // Re-encoding every record through Google.Protobuf as well would be slow; a spread sample suffices.
        for (int n = 0; n < payloads.Count; n += 97)
        {
            AssertSequenceReencodesToSortedBytes(payloads[n]);
        }
    }

    [Fact]
    public void Tfx_sequence_eval_split_holds_records_10500_to_14999()
    {
        List<byte[]> payloads = RecordPayloads.Read("tensorflow-tfx/tfx/components/testdata/tfrecord_sequence/Split-eval/data_tfrecord_eval.gz");

        Assert.Equal(4500, payloads.Count);
        var numbers = payloads.Select(p =>
        {
            Assert.True(new SequenceExampleReader(p).FeatureLists.TryGetFeatureList("s", out FeatureListReader s));
            foreach (FeatureReader step in s)
            {
                return int.Parse(Encoding.ASCII.GetString(step.ToBytesArray().Single()), System.Globalization.CultureInfo.InvariantCulture);
            }

            return -1;
        }).Order().ToList();
        Assert.Equal(Enumerable.Range(10500, 4500), numbers);
        foreach (byte[] payload in payloads)
        {
            Assert.True(new SequenceExampleReader(payload).FeatureLists.TryGetFeatureList("s"u8, out FeatureListReader s));
            foreach (FeatureReader step in s)
            {
                AssertSequenceRule(payload, int.Parse(Encoding.ASCII.GetString(step.ToBytesArray().Single()), System.Globalization.CultureInfo.InvariantCulture));
                break;
            }
        }
    }

    [Fact]
    public void Tfx_mnist_records_are_sorted_already_and_reencode_byte_for_byte()
    {
        List<byte[]> payloads = RecordPayloads.Read("tensorflow-tfx/tfx/examples/mnist/data/mnist.tfrecord");

        Assert.Equal(1000, payloads.Count);
        Assert.Equal(3187, payloads[0].Length);
        Assert.Equal([9L], Feature(payloads[0], "image_class").ToInt64Array());
        Assert.Equal(-0.5f, Feature(payloads[0], "image_floats").ToFloatArray()[0]);
        var counts = new int[10];
        var pixels = new float[784];
        foreach (byte[] payload in payloads)
        {
            FeatureReader image = Feature(payload, "image_floats");
            Assert.Equal(784, image.CopyTo(pixels));
            Assert.All(pixels, p => Assert.InRange(p, -0.5f, 0.5f));
            counts[Feature(payload, "image_class").ToInt64Array().Single()]++;
            Assert.Equal(payload, Reencoder.Example(payload));
        }

        Assert.Equal([87, 137, 87, 90, 118, 79, 78, 107, 120, 97], counts);
    }

    [Fact]
    public void Tfx_next_page_records_hold_the_documented_values()
    {
        List<byte[]> payloads = RecordPayloads.Read("tensorflow-tfx/tfx/examples/tfjs_next_page_prediction/data/data.tfrecord.gz");

        Assert.Equal(100, payloads.Count);
        Assert.Equal(69, payloads[0].Length);
        Assert.Equal(
            [("page2", 1L, "page3"), ("page4", 1L, "page2"), ("page2", 0L, "page3")],
            payloads.Take(3).Select(p => (Text(p, "cur_page"), Feature(p, "session_index").ToInt64Array().Single(), Text(p, "label"))));
        payloads.ForEach(AssertReencodesToSortedBytes);
    }

    [Fact]
    public void Datumaro_detection_record_keeps_an_empty_text_value_among_its_boxes()
    {
        byte[] payload = RecordPayloads.Read("datumaro/tests/assets/tf_detection_api_dataset/train.tfrecord").Single();

        Assert.Equal(1051, payload.Length);
        Assert.Equal(12, Keys(payload).Count);
        Assert.Equal(["label_2"u8.ToArray(), "label_3"u8.ToArray(), []], Feature(payload, "image/object/class/text").ToBytesArray());
        Assert.Equal([3L, 4, 0], Feature(payload, "image/object/class/label").ToInt64Array());
        Assert.Equal([0f, 0f, 0.125f], Feature(payload, "image/object/bbox/xmin").ToFloatArray());
        Assert.Equal([0.75f, 0.5f, 0.5f], Feature(payload, "image/object/bbox/ymax").ToFloatArray());
        Assert.Equal(631, Feature(payload, "image/encoded").ToBytesArray().Single().Length);
        Assert.Equal("1.jpg", Text(payload, "image/filename"));
        AssertReencodesToSortedBytes(payload);
    }

    [Fact]
    public void Roboflow_record_keeps_zero_length_bytes_values()
    {
        List<byte[]> payloads = RecordPayloads.Read("datumaro/tests/assets/roboflow_dataset/tfrecord/train/train.tfrecord");

        Assert.Equal([375, 375], payloads.Select(p => p.Length));
        foreach (string key in new[] { "image/encoded", "image/format", "image/key/sha256" })
        {
            FeatureReader feature = Feature(payloads[0], key);
            Assert.Equal(1, feature.Count);
            foreach (ReadOnlySpan<byte> value in feature.EnumerateBytes())
            {
                Assert.True(value.IsEmpty);
            }
        }

        Assert.Equal("train_001.jpg", Text(payloads[0], "image/filename"));
        Assert.Equal([0.2f], Feature(payloads[0], "image/object/bbox/xmin").ToFloatArray());
        payloads.ForEach(AssertReencodesToSortedBytes);
    }

    private static void AssertSequenceRule(byte[] payload, int n)
    {
        var reader = new SequenceExampleReader(payload);
        var context = new Dictionary<string, FeatureKind>();
        foreach (FeatureReader feature in reader.Context)
        {
            context.Add(feature.GetKeyString(), feature.Kind);
        }

        if (n % 10 == 0)
        {
            Assert.Equal(new Dictionary<string, FeatureKind> { ["f"] = FeatureKind.None, ["i"] = FeatureKind.None }, context);
            Assert.False(reader.Context.TryGetFeature("i", out _));
        }
        else
        {
            Assert.True(reader.Context.TryGetFeature("i", out FeatureReader i));
            Assert.Equal([(long)n], i.ToInt64Array());
            Assert.True(reader.Context.TryGetFeature("f", out FeatureReader f));
            Assert.Equal([(float)n], f.ToFloatArray());
        }

        Assert.Equal([$"{n}", $"{n + 1}"], Steps(reader, "s", step => Encoding.ASCII.GetString(step.ToBytesArray().Single())));
    }

    private static List<T> Steps<T>(SequenceExampleReader reader, string key, Func<FeatureReader, T> read) =>
        StepsOf(reader.FeatureLists, key, read);

    private static List<T> StepsOf<T>(FeatureListMapReader lists, string key, Func<FeatureReader, T> read)
    {
        Assert.True(lists.TryGetFeatureList(key, out FeatureListReader list), $"feature list '{key}' not found");
        var values = new List<T>();
        foreach (FeatureReader step in list)
        {
            values.Add(read(step));
        }

        Assert.Equal(list.Count, values.Count);
        return values;
    }

    private static void AssertReencodesToSortedBytes(byte[] payload)
    {
        Example parsed = Example.Parser.ParseFrom(payload);
        byte[] expected = ExampleCodec.SortedCopy(parsed).ToByteArray();
        Assert.Equal(expected, Reencoder.Example(payload));
        Assert.Equal(expected, ExampleEncoding.ToSortedByteArray(parsed));
        Assert.Equal(parsed, ExampleCodec.Read(payload));
    }

    private static void AssertSequenceReencodesToSortedBytes(byte[] payload)
    {
        SequenceExample parsed = SequenceExample.Parser.ParseFrom(payload);
        byte[] expected = ExampleCodec.SortedCopy(parsed).ToByteArray();
        Assert.Equal(expected, Reencoder.SequenceExample(payload));
        Assert.Equal(expected, ExampleEncoding.ToSortedByteArray(parsed));
        Assert.Equal(parsed, ExampleCodec.ReadSequence(payload));
    }

    private static FeatureReader Feature(byte[] payload, string key)
    {
        Assert.True(new ExampleReader(payload).TryGetFeature(key, out FeatureReader feature), $"feature '{key}' not found");
        return feature;
    }

    private static string Text(byte[] payload, string key) => Encoding.UTF8.GetString(Feature(payload, key).ToBytesArray().Single());

    private static List<string> Keys(byte[] payload)
    {
        var keys = new List<string>();
        foreach (FeatureReader feature in new ExampleReader(payload))
        {
            keys.Add(feature.GetKeyString());
        }

        return keys;
    }

    private static void AssertClose(float expected, float actual) => Assert.InRange(actual, expected - 1e-6f, expected + 1e-6f);
}
