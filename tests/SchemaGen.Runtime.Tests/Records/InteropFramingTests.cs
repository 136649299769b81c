namespace SchemaGen.Runtime.Tests.Records;

/// <summary>Every TFRecord-framed file in tests/data/interop, against the facts MANIFEST.md states for it.</summary>
public class InteropFramingTests
{
    private const string Benchmarks = "tensorflow-benchmarks/scripts/tf_cnn_benchmarks/test_data/fake_tf_record_data/";
    private const string Tfx = "tensorflow-tfx/tfx/";

    /// <summary>File, compression, records, uncompressed size, payload lengths of the first records (-1: not stated).</summary>
    public static TheoryData<string, TfRecordCompression, int, long, int[]> Files => new()
    {
        { "pytorch-data/test/_fakedata/tfrecord/example.tfrecord", TfRecordCompression.None, 4, 523, [108, 115, 118, 118] },
        { "pytorch-data/test/_fakedata/tfrecord/sequence_example.tfrecord", TfRecordCompression.None, 4, 2760, [389, 584, 775, 948] },
        { "pwnall-tfrecord/testdata/singles.tfrecords", TfRecordCompression.None, 3, 130, [24, 29, 29] },
        { "pwnall-tfrecord/data.tfrecord", TfRecordCompression.None, 1, 68, [52] },
        { Benchmarks + "train-00000-of-00008", TfRecordCompression.None, 64, 101327, [2087] },
        { Benchmarks + "train-00001-of-00008", TfRecordCompression.None, 64, 101943, [] },
        { Benchmarks + "train-00002-of-00008", TfRecordCompression.None, 64, 97476, [] },
        { Benchmarks + "train-00003-of-00008", TfRecordCompression.None, 64, 109017, [] },
        { Benchmarks + "train-00004-of-00008", TfRecordCompression.None, 64, 94955, [] },
        { Benchmarks + "train-00005-of-00008", TfRecordCompression.None, 64, 98266, [] },
        { Benchmarks + "train-00006-of-00008", TfRecordCompression.None, 64, 100921, [] },
        { Benchmarks + "train-00007-of-00008", TfRecordCompression.None, 64, 99400, [] },
        { Benchmarks + "validation-00000-of-00002", TfRecordCompression.None, 64, 97205, [] },
        { Benchmarks + "validation-00001-of-00002", TfRecordCompression.None, 64, 97782, [] },
        { Tfx + "components/testdata/penguin/data/Split-eval/data_tfrecord-00000-of-00001.gz", TfRecordCompression.Gzip, 100, 15200, [136] },
        { Tfx + "components/testdata/penguin/data/Split-train/data_tfrecord-00000-of-00001.gz", TfRecordCompression.Gzip, 234, 35568, [] },
        { Tfx + "components/testdata/external/tfrecord_sequence/data_tfrecord-00000-of-00001.gz", TfRecordCompression.Gzip, 15000, 1111669, [39] },
        { Tfx + "components/testdata/tfrecord_sequence/Split-eval/data_tfrecord_eval.gz", TfRecordCompression.Gzip, 4500, 340200, [] },
        { Tfx + "examples/tfjs_next_page_prediction/data/data.tfrecord.gz", TfRecordCompression.Gzip, 100, 8500, [69] },
        { Tfx + "examples/mnist/data/mnist.tfrecord", TfRecordCompression.None, 1000, 3203000, [3187] },
        {
            Tfx + "components/testdata/trainer/current/Format-Serving/eval_chicago-taxi-eval/events.out.tfevents.1646034751.jiyongjung.c.googlers.com",
            TfRecordCompression.None, 7, 1245604, [24]
        },
        { "tensorboard-reducer/tests/runs/strict/run_1/events.out.tfevents.1622543341.janoshs-mbp.lan.86862.0", TfRecordCompression.None, 101, 4912, [-1, 30] },
        { "datumaro/tests/assets/tf_detection_api_dataset/train.tfrecord", TfRecordCompression.None, 1, 1067, [1051] },
        { "datumaro/tests/assets/tf_detection_api_dataset/val.tfrecord", TfRecordCompression.None, 1, 1022, [1006] },
        { "datumaro/tests/assets/tf_detection_api_dataset/test.tfrecord", TfRecordCompression.None, 1, 803, [787] },
        { "datumaro/tests/assets/roboflow_dataset/tfrecord/train/train.tfrecord", TfRecordCompression.None, 2, 782, [375, 375] },
        { "datumaro/tests/assets/roboflow_dataset/tfrecord/val/val.tfrecord", TfRecordCompression.None, 1, 415, [] },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Reads_the_framing_MANIFEST_describes(string file, TfRecordCompression compression, int records, long size, int[] lengths)
    {
        using var reader = new TfRecordReader(InteropFiles.Path(file));
        Assert.Equal(compression, reader.Compression);

        long end = 0;
        int count = 0;
        while (reader.TryReadNext(out var record))
        {
            Assert.Equal(end, reader.RecordOffset); // records are back to back
            if (count < lengths.Length && lengths[count] >= 0)
            {
                Assert.Equal(lengths[count], record.Length);
            }

            end = reader.RecordOffset + record.Length + 16;
            count++;
        }

        Assert.Equal(records, count);
        Assert.Equal(size, end); // no trailing bytes; for GZIP the decompressed size MANIFEST gives
        Assert.Empty(reader.Damage);
    }

    [Fact]
    public void Every_tfrecord_framed_interop_file_is_covered()
    {
        string root = InteropFiles.Path("");
        var framed = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(path => !path.EndsWith(".md", StringComparison.Ordinal) && !path.EndsWith(".pbtxt", StringComparison.Ordinal) && !path.Contains("cifar", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        var covered = Files.Select(row => (string)row[0]).Order(StringComparer.Ordinal);
        Assert.Equal(framed, covered);
    }

    [Fact]
    public void The_first_sequence_example_of_the_tfx_external_file_has_the_bytes_MANIFEST_gives()
    {
        using var reader = new TfRecordReader(InteropFiles.Path(Tfx + "components/testdata/external/tfrecord_sequence/data_tfrecord-00000-of-00001.gz"));
        Assert.True(reader.TryReadNext(out var record));
        Assert.Equal(
            Convert.FromHexString("0a0e0a050a016612000a050a01691200" + "12150a130a0173120e0a050a030a01300a050a030a0131"),
            record.ToArray());
    }

    [Fact]
    public void The_graph_records_of_the_tfx_event_file_hold_the_sizes_MANIFEST_gives()
    {
        // MANIFEST: record 1 holds a 608682-byte graph_def (Event field 4), record 2 a 636007-byte meta_graph_def
        // (field 9); each follows wall_time (field 1, fixed64) and ends the record.
        using var reader = new TfRecordReader(InteropFiles.Path(
            Tfx + "components/testdata/trainer/current/Format-Serving/eval_chicago-taxi-eval/events.out.tfevents.1646034751.jiyongjung.c.googlers.com"));
        Assert.True(reader.TryReadNext(out _));
        Assert.True(reader.TryReadNext(out var graph));
        Assert.Equal((4, 608682), OnlyBytesFieldAfterWallTime(graph.Span));
        Assert.True(reader.TryReadNext(out var metaGraph));
        Assert.Equal((9, 636007), OnlyBytesFieldAfterWallTime(metaGraph.Span));
    }

    [Fact]
    public void The_gzip_tool_header_with_a_file_name_is_read()
    {
        // MANIFEST: written by a gzip tool, FLG=FNAME with the stored name "data.tfrecord".
        string path = InteropFiles.Path(Tfx + "examples/tfjs_next_page_prediction/data/data.tfrecord.gz");
        var head = File.ReadAllBytes(path)[..24];
        Assert.Equal(0x08, head[3]);
        Assert.Equal("data.tfrecord\0"u8.ToArray(), head[10..24]);

        using var reader = new TfRecordReader(path);
        Assert.Equal(100, Framing.ReadAll(reader).Count);
    }

    private static (int Field, int Length) OnlyBytesFieldAfterWallTime(ReadOnlySpan<byte> record)
    {
        Assert.Equal(0x09, record[0]); // field 1, fixed64
        int position = 9;
        int tag = record[position++];
        Assert.Equal(2, tag & 7); // length-delimited
        int length = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = record[position++];
            length |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }
        }

        Assert.Equal(record.Length, position + length);
        return (tag >> 3, length);
    }
}
