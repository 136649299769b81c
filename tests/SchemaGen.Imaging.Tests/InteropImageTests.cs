using SchemaGen.Examples;

namespace SchemaGen.Imaging.Tests;

/// <summary>
/// JPEGs that TensorFlow (tf_cnn_benchmarks' ImageNet-layout shards) and Datumaro (Object Detection layout) wrote into
/// TFRecord files, read from the files through SchemaGen's reader: their pixels as tests/data/interop/MANIFEST.md
/// states them (solid levels), and as PIL decodes them (DecodeAgainstPilTests covers the extracted copies).
/// </summary>
public sealed class InteropImageTests
{
    private const string Shards = "tensorflow-benchmarks/scripts/tf_cnn_benchmarks/test_data/fake_tf_record_data/";

    /// <summary>MANIFEST.md: a solid grey per label 0..9.</summary>
    private static readonly int[] LabelLevels = [0, 25, 51, 76, 102, 128, 153, 179, 204, 230];

    [Theory]
    [InlineData(Shards + "train-00000-of-00008")]
    [InlineData(Shards + "validation-00001-of-00002")]
    public void Imagenet_layout_images_decode_to_their_label_level(string file)
    {
        var decoder = new ImageDecoder();
        int records = 0;
        foreach (var record in TfRecordReader.ReadAllRecords(InteropFiles.Path(file)))
        {
            var (encoded, height, width, label) = Read(record);
            var pixels = decoder.Decode(encoded, out var header);
            Assert.Equal((width, height), (header.Width, header.Height));
            Assert.Equal(ImageColorType.Rgb, header.ColorType);
            int level = LabelLevels[label];
            Assert.All(pixels, value => Assert.InRange(value, level - 1, level + 1));
            records++;
        }

        Assert.Equal(64, records);
    }

    [Theory]
    [InlineData("datumaro/tests/assets/tf_detection_api_dataset/train.tfrecord", 16, 16, 1)]
    [InlineData("datumaro/tests/assets/tf_detection_api_dataset/val.tfrecord", 8, 8, -1)]
    [InlineData("datumaro/tests/assets/tf_detection_api_dataset/test.tfrecord", 4, 5, 3)]
    public void Object_detection_layout_images_decode(string file, int width, int height, int level)
    {
        var record = Assert.Single(TfRecordReader.ReadAllRecords(InteropFiles.Path(file)));
        var example = new ExampleReader(record);
        Assert.True(example.TryGetFeature("image/encoded", out var feature));
        var encoded = feature.ToBytesArray()[0];
        var pixels = new ImageDecoder().Decode(encoded, out var header);
        Assert.Equal((width, height), (header.Width, header.Height));
        var reference = ImageFixtures.Gunzip($"refs/datumaro-{Path.GetFileName(file)}-0.jpg.rgb.gz");
        Assert.True(PixelDifference.Of(pixels, reference).Max <= DecodeAgainstPilTests.MaxJpegDifference);
        if (level >= 0)
        {
            Assert.All(pixels, value => Assert.InRange(value, level - 1, level + 1));
        }
    }

    private static (byte[] Encoded, int Height, int Width, int Label) Read(byte[] record)
    {
        var example = new ExampleReader(record);
        Assert.True(example.TryGetFeature("image/encoded", out var encoded));
        Assert.True(example.TryGetFeature("image/height", out var height));
        Assert.True(example.TryGetFeature("image/width", out var width));
        Assert.True(example.TryGetFeature("image/class/label", out var label));
        return (encoded.ToBytesArray()[0], (int)height.ToInt64Array()[0], (int)width.ToInt64Array()[0], (int)label.ToInt64Array()[0]);
    }
}
