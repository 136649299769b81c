using System.Text.Json;
using static SchemaGen.Cli.Tests.Commands.ProtobufRecords;

namespace SchemaGen.Cli.Tests.Commands;

/// <summary>
/// <c>preview</c>, <c>export-images</c> and <c>schema</c> on the encoded-image layouts other tools write: the
/// ImageNet-layout shards of tf_cnn_benchmarks and the Object Detection files of Datumaro and Roboflow (see
/// tests/data/interop/MANIFEST.md, whose facts are the expected values), and records made here with another encoder.
/// </summary>
public sealed class ImageLayoutTests : IDisposable
{
    private const string Benchmarks = "tensorflow-benchmarks/scripts/tf_cnn_benchmarks/test_data/fake_tf_record_data/";
    private const string Detection = "datumaro/tests/assets/tf_detection_api_dataset/";
    private const int Gap = 2;

    // MANIFEST.md: each benchmark image is one grey level, set by its label (n % 10 for image n).
    private static readonly byte[] GreyOfLabel = [0, 25, 51, 76, 102, 128, 153, 179, 204, 230];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Preview_of_an_ImageNet_layout_shard_decodes_each_JPEG_to_its_grey_level()
    {
        string sheetPath = _temp.File("imagenet.png");
        var run = Schemagen.Run("preview", InteropFiles.Path(Benchmarks + "validation-00000-of-00002"), "--count", "4", "--columns", "4", "--out", sheetPath);

        Assert.Equal((0, "", $"wrote {sheetPath} (4 images)\n"), (run.ExitCode, run.Error, run.Out));

        // The sizes from Python's protobuf (the CLI fixture of the same records); the cells are as large as the largest.
        var sizes = Fixtures.Lines("tf-benchmarks-validation-00000-first4.jsonl").Select(Size).ToArray();
        int cell = sizes.Max(s => Math.Max(s.Width, s.Height));
        var sheet = PngPicture.Load(sheetPath);
        Assert.Equal((4 * (cell + Gap)) + Gap, sheet.Width);
        for (int n = 0; n < 4; n++)
        {
            int x = Gap + (n * (cell + Gap));
            var (width, height) = sizes[n];
            foreach (var (px, py) in new[] { (0, 0), (width / 2, height / 2), (width - 1, height - 1) })
            {
                var pixel = sheet[x + px, Gap + py];
                Assert.InRange(pixel.R, GreyOfLabel[n] - 1, GreyOfLabel[n] + 1);
                Assert.Equal(pixel.R, pixel.G);
                Assert.Equal(pixel.R, pixel.B);
            }

            // Outside the image (when it is narrower than the cell): the sheet's background.
            if (width < cell)
            {
                Assert.Equal(new RgbPixel(32, 32, 32), sheet[x + width, Gap]);
            }
        }
    }

    [Fact]
    public void Export_images_of_an_ImageNet_layout_shard_writes_each_image_under_its_label()
    {
        string output = _temp.File("exported");
        var run = Schemagen.Run("export-images", InteropFiles.Path(Benchmarks + "validation-00000-of-00002"), output);

        Assert.Equal((0, "", $"wrote 64 images to {output}\n"), (run.ExitCode, run.Error, run.Out));

        // Images 0..63 of the validation set, label n % 10: folders 0..3 hold 7 images, 4..9 hold 6.
        for (int label = 0; label < 10; label++)
        {
            var files = Directory.GetFiles(Path.Combine(output, label.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(label < 4 ? 7 : 6, files.Length);
            foreach (string file in files)
            {
                int n = int.Parse(Path.GetFileNameWithoutExtension(file), System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(label, n % 10);
                var image = PngPicture.Load(file);
                var pixel = image[image.Width / 2, image.Height / 2];
                Assert.InRange(pixel.R, GreyOfLabel[label] - 1, GreyOfLabel[label] + 1);
                Assert.InRange(image.Width, 30, 299);
                Assert.InRange(image.Height, 30, 299);
            }
        }

        var sizes = Fixtures.Lines("tf-benchmarks-validation-00000-first4.jsonl").Select(Size).ToArray();
        for (int n = 0; n < 4; n++)
        {
            var image = PngPicture.Load(Path.Combine(output, (n % 10).ToString(System.Globalization.CultureInfo.InvariantCulture), $"{n}.png"));
            Assert.Equal(sizes[n], (image.Width, image.Height));
        }
    }

    [Fact]
    public void Preview_of_an_Object_Detection_record_outlines_its_boxes_and_labels_it_by_its_first_object()
    {
        string sheetPath = _temp.File("detection.png");
        var run = Schemagen.Run("preview", InteropFiles.Path(Detection + "train.tfrecord"), "--out", sheetPath);
        Assert.Equal((0, ""), (run.ExitCode, run.Error));

        // MANIFEST.md: a 16x16 JPEG of pixels 1, drawn 4 times larger in a 64-pixel cell; boxes (ymin, xmin, ymax,
        // xmax) (0.25, 0, 0.75, 0.25), (0.25, 0, 0.5, 0.25) and (0.25, 0.125, 0.5, 0.375).
        var sheet = PngPicture.Load(sheetPath);
        var yellow = new RgbPixel(255, 255, 0);
        int Edge(double relative) => Gap + (int)Math.Floor(relative * 64);
        Assert.Equal(yellow, sheet[Edge(0), Edge(0.5)]);        // box 0's left edge
        Assert.Equal(yellow, sheet[Edge(0.25), Edge(0.6)]);     // box 0's right edge, below the others
        Assert.Equal(yellow, sheet[Edge(0.1), Edge(0.75)]);     // box 0's bottom edge
        Assert.Equal(yellow, sheet[Edge(0.375), Edge(0.4)]);    // box 2's right edge
        Assert.Equal(yellow, sheet[Edge(0.3), Edge(0.25)]);     // box 2's top edge
        var inside = sheet[Edge(0.6), Edge(0.9)];               // in no box: the image's own pixel
        Assert.InRange(inside.R, 0, 2);
        Assert.Equal((inside.R, inside.R), (inside.G, inside.B));
    }

    [Fact]
    public void A_record_with_an_empty_image_is_an_error_naming_the_file_the_record_and_the_feature()
    {
        // MANIFEST.md: the Roboflow-style records hold one zero-length image/encoded value.
        string file = InteropFiles.Path("datumaro/tests/assets/roboflow_dataset/tfrecord/train/train.tfrecord");
        var run = Schemagen.Run("preview", file, "--out", _temp.File("roboflow.png"));

        Assert.Equal((1, $"{file}: record at 0: feature 'image/encoded' is empty (0 bytes): the record holds no image\n"), (run.ExitCode, run.Error));
    }

    [Theory]
    [InlineData("image/encoded", "image/class/label")]
    [InlineData("image", "label")]
    public void Export_images_gives_back_the_exact_pixels_of_PNG_records_in_either_layout(string imageKey, string labelKey)
    {
        var pixels = new byte[7 * 5 * 3];
        new Random(3).NextBytes(pixels);
        byte[] png = PngPicture.Encode(pixels, 7, 5);

        string records = Write(
            _temp.File("png.tfrecord"),
            Example((imageKey, Bytes(png)), ("image/format", Bytes("PNG"u8.ToArray())), (labelKey, Int64s(7))));
        string output = _temp.File("png-out");
        Assert.Equal(0, Schemagen.Run("export-images", records, output).ExitCode);

        var exported = PngPicture.Load(Path.Combine(output, "7", "0.png"));
        Assert.Equal((7, 5), (exported.Width, exported.Height));
        Assert.Equal(pixels, exported.Rgb);
    }

    [Fact]
    public void A_JPEG_that_does_not_decode_is_an_error_naming_the_file_the_record_and_the_feature()
    {
        // A JPEG start of image and the start of a JFIF segment, then nothing a decoder can use.
        byte[] broken = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, .. "JFIF"u8, 0, 1, 2, 3, 4, 5, 6, 7];
        string records = Write(_temp.File("broken.tfrecord"), Example(("image/encoded", Bytes(broken)), ("image/format", Bytes("JPEG"u8.ToArray()))));

        var run = Schemagen.Run("export-images", records, _temp.File("broken-out"));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"{records}: record at 0: feature 'image/encoded' (declared JPEG, {broken.Length} bytes) does not decode: ", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_record_without_an_image_names_the_keys_looked_for()
    {
        string records = Write(_temp.File("no-image.tfrecord"), Example(("image/class/label", Int64s(1))));

        var run = Schemagen.Run("preview", records, "--out", _temp.File("none.png"));

        Assert.Equal((1, $"{records}: record at 0 has no image: none of the features 'image/encoded', 'image' (one bytes value) is present\n"), (run.ExitCode, run.Error));
    }

    [Fact]
    public void Schema_of_the_Object_Detection_files_names_the_images_and_the_boxes()
    {
        string[] files = ["train.tfrecord", "val.tfrecord", "test.tfrecord"];
        var run = Schemagen.Run(["schema", .. files.Select(f => InteropFiles.Path(Detection + f)), "--name", "Detection"]);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith(
            """
            // Inferred by `schemagen schema` from 3 records in 3 files.
            // "image/encoded" holds encoded images (JPEG): decode them on the dataset's workers with SchemaGen.Imaging's DecodeImages(b => b.ImageEncoded, …).
            // image/object/bbox/ymin, xmin, ymax and xmax are the TF Object Detection API's boxes, relative to the image (0 to 1), one value per object.
            using SchemaGen;

            """.ReplaceLineEndings("\n"),
            run.Out);
    }

    [Fact]
    public void Schema_of_the_Roboflow_files_counts_their_empty_images_and_does_not_call_them_images()
    {
        string[] files = ["train/train.tfrecord", "val/val.tfrecord"];
        var run = Schemagen.Run(["schema", .. files.Select(f => InteropFiles.Path("datumaro/tests/assets/roboflow_dataset/tfrecord/" + f))]);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("holds encoded images", run.Out, StringComparison.Ordinal);
        Assert.Contains("// image/object/bbox/ymin, xmin, ymax and xmax are the TF Object Detection API's boxes", run.Out, StringComparison.Ordinal);
    }

    private static (int Width, int Height) Size(string json)
    {
        using var document = JsonDocument.Parse(json);
        var feature = document.RootElement.GetProperty("features").GetProperty("feature");
        int Get(string key) => int.Parse(feature.GetProperty(key).GetProperty("int64List").GetProperty("value")[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        return (Get("image/width"), Get("image/height"));
    }
}
