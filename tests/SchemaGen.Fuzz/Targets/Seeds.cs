using System.Formats.Tar;
using System.IO.Compression;

namespace SchemaGen.Fuzz.Targets;

/// <summary>Seed inputs from the real files in tests/data/interop, kept small so mutations stay fast.</summary>
internal static class Seeds
{
    private const int MaxSeedLength = 16 << 10;

    public static readonly string[] SmallTfRecordFiles =
    [
        "pwnall-tfrecord/data.tfrecord",
        "pwnall-tfrecord/testdata/singles.tfrecords",
        "pytorch-data/test/_fakedata/tfrecord/example.tfrecord",
        "pytorch-data/test/_fakedata/tfrecord/sequence_example.tfrecord",
        "datumaro/tests/assets/roboflow_dataset/tfrecord/train/train.tfrecord",
        "datumaro/tests/assets/roboflow_dataset/tfrecord/val/val.tfrecord",
        "datumaro/tests/assets/tf_detection_api_dataset/test.tfrecord",
        "datumaro/tests/assets/tf_detection_api_dataset/train.tfrecord",
        "tensorboard-reducer/tests/runs/strict/run_1/events.out.tfevents.1622543341.janoshs-mbp.lan.86862.0",
        "tensorflow-tfx/tfx/components/testdata/penguin/data/Split-eval/data_tfrecord-00000-of-00001.gz",
        "tensorflow-tfx/tfx/examples/tfjs_next_page_prediction/data/data.tfrecord.gz",
    ];

    public static readonly string[] ExampleFiles =
    [
        "pytorch-data/test/_fakedata/tfrecord/example.tfrecord",
        "datumaro/tests/assets/roboflow_dataset/tfrecord/train/train.tfrecord",
        "datumaro/tests/assets/tf_detection_api_dataset/train.tfrecord",
        "tensorflow-tfx/tfx/components/testdata/penguin/data/Split-train/data_tfrecord-00000-of-00001.gz",
        "tensorflow-benchmarks/scripts/tf_cnn_benchmarks/test_data/fake_tf_record_data/validation-00000-of-00002",
    ];

    public static readonly string[] SequenceExampleFiles =
    [
        "pytorch-data/test/_fakedata/tfrecord/sequence_example.tfrecord",
        "tensorflow-tfx/tfx/components/testdata/tfrecord_sequence/Split-eval/data_tfrecord_eval.gz",
    ];

    public static readonly string[] CifarPickles =
    [
        "datumaro/tests/assets/cifar10_dataset/batches.meta",
        "datumaro/tests/assets/cifar10_dataset/data_batch_1",
        "datumaro/tests/assets/cifar10_dataset/test_batch",
        "datumaro/tests/assets/cifar100_dataset/meta",
        "datumaro/tests/assets/cifar100_dataset/train",
        "datumaro/tests/assets/cifar100_dataset/test",
    ];

    /// <summary>Whole small files.</summary>
    public static IReadOnlyList<byte[]> Files(IEnumerable<string> relativePaths) =>
        [.. relativePaths.Select(path => File.ReadAllBytes(InteropFiles.Path(path))).Where(bytes => bytes.Length <= MaxSeedLength)];

    /// <summary>Up to <paramref name="perFile"/> small records of each file.</summary>
    public static IReadOnlyList<byte[]> Records(IEnumerable<string> relativePaths, int perFile = 8)
    {
        var records = new List<byte[]>();
        foreach (string path in relativePaths)
        {
            using var reader = new TfRecordReader(InteropFiles.Path(path));
            int taken = 0;
            while (taken < perFile && reader.TryReadNext(out var record))
            {
                if (record.Length <= MaxSeedLength)
                {
                    records.Add(record.ToArray());
                    taken++;
                }
            }
        }

        return records;
    }

    /// <summary>The datumaro CIFAR-10 files as a plain tar and a tar.gz, laid out as cifar-10-batches-py.</summary>
    public static IReadOnlyList<byte[]> CifarArchives()
    {
        var members = new[] { "batches.meta", "data_batch_1", "test_batch" }
            .Select(name => ($"cifar-10-batches-py/{name}", File.ReadAllBytes(InteropFiles.Path($"datumaro/tests/assets/cifar10_dataset/{name}"))))
            .ToArray();
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, content) in members)
            {
                writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), ModificationTime = DateTimeOffset.UnixEpoch });
            }
        }

        using var gzip = new MemoryStream();
        using (var compressor = new GZipStream(gzip, CompressionLevel.Fastest, leaveOpen: true))
        {
            compressor.Write(tar.ToArray());
        }

        return [tar.ToArray(), gzip.ToArray()];
    }
}
