namespace SchemaGen.Cli.Tests.Infrastructure;

/// <summary>Every TFRecord-framed file in tests/data/interop, with its record count from MANIFEST.md.</summary>
internal static class InteropRecords
{
    private const string Benchmarks = "tensorflow-benchmarks/scripts/tf_cnn_benchmarks/test_data/fake_tf_record_data/";

    public const string PytorchExample = "pytorch-data/test/_fakedata/tfrecord/example.tfrecord";
    public const string PytorchSequenceExample = "pytorch-data/test/_fakedata/tfrecord/sequence_example.tfrecord";
    public const string PwnallSingles = "pwnall-tfrecord/testdata/singles.tfrecords";
    public const string PenguinEval = "tensorflow-tfx/tfx/components/testdata/penguin/data/Split-eval/data_tfrecord-00000-of-00001.gz";
    public const string ExternalSequence = "tensorflow-tfx/tfx/components/testdata/external/tfrecord_sequence/data_tfrecord-00000-of-00001.gz";
    public const string Mnist = "tensorflow-tfx/tfx/examples/mnist/data/mnist.tfrecord";
    public const string TaxiEvents = "tensorflow-tfx/tfx/components/testdata/trainer/current/Format-Serving/eval_chicago-taxi-eval/events.out.tfevents.1646034751.jiyongjung.c.googlers.com";

    public static readonly IReadOnlyList<(string Path, long Records)> All =
    [
        ("pwnall-tfrecord/data.tfrecord", 1),
        (PwnallSingles, 3),
        (PytorchExample, 4),
        (PytorchSequenceExample, 4),
        .. Enumerable.Range(0, 8).Select(i => ($"{Benchmarks}train-0000{i}-of-00008", 64L)),
        ($"{Benchmarks}validation-00000-of-00002", 64),
        ($"{Benchmarks}validation-00001-of-00002", 64),
        (PenguinEval, 100),
        ("tensorflow-tfx/tfx/components/testdata/penguin/data/Split-train/data_tfrecord-00000-of-00001.gz", 234),
        (ExternalSequence, 15000),
        ("tensorflow-tfx/tfx/components/testdata/tfrecord_sequence/Split-eval/data_tfrecord_eval.gz", 4500),
        ("tensorflow-tfx/tfx/examples/tfjs_next_page_prediction/data/data.tfrecord.gz", 100),
        (Mnist, 1000),
        (TaxiEvents, 7),
        ("tensorboard-reducer/tests/runs/strict/run_1/events.out.tfevents.1622543341.janoshs-mbp.lan.86862.0", 101),
        ("datumaro/tests/assets/tf_detection_api_dataset/train.tfrecord", 1),
        ("datumaro/tests/assets/tf_detection_api_dataset/val.tfrecord", 1),
        ("datumaro/tests/assets/tf_detection_api_dataset/test.tfrecord", 1),
        ("datumaro/tests/assets/roboflow_dataset/tfrecord/train/train.tfrecord", 2),
        ("datumaro/tests/assets/roboflow_dataset/tfrecord/val/val.tfrecord", 1),
    ];
}
