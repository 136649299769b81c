using System.Runtime.InteropServices;
using System.Text;
using SchemaGen.Conversion.Images;
using SchemaGen.Conversion.Pickle;
using SchemaGen.Conversion.Sources;
using SchemaGen.Testing.Fixtures;

namespace SchemaGen.Conversion.Tests;

public sealed class PickleTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "pickles", name);

    // What build/make-pickle-fixtures.py put in every batch.
    private static byte ExpectedPixel(int image, int index) => (byte)((image * 31 + index * 7) % 256);

    [Theory]
    [InlineData("py3_protocol2_str_keys.pickle")]
    [InlineData("py3_protocol3_str_keys.pickle")]
    [InlineData("py3_protocol4_str_keys.pickle")]
    [InlineData("py3_protocol5_str_keys.pickle")]
    [InlineData("py3_protocol2_bytes_keys.pickle")]
    [InlineData("py3_protocol4_bytes_keys.pickle")]
    [InlineData("py3_protocol4_numpy_int64_labels.pickle")]
    [InlineData("py3_protocol4_numpy2.pickle")]
    [InlineData("py3_protocol5_numpy2.pickle")]
    public void Python3_pickles_load_pixel_exact(string name)
    {
        var batch = CifarReader.ReadPythonBatch(File.ReadAllBytes(Fixture(name)), name, cifar100: false);

        Assert.Equal([3, 0, 9], batch.Labels);
        Assert.Equal(["image_0.png", "image_1.png", "image_2.png"], batch.FileNames!);
        var hwc = new byte[3072];
        for (int image = 0; image < 3; image++)
        {
            batch.Images.CopyHwc(image, hwc, PixelOrder.Rgb);
            for (int p = 0; p < 1024; p++)
            {
                for (int c = 0; c < 3; c++)
                {
                    Assert.Equal(ExpectedPixel(image, c * 1024 + p), hwc[p * 3 + c]);
                }
            }
        }
    }

    [Fact]
    public void Hand_assembled_python2_batch_gives_a_uint8_matrix_viewing_the_pickle_bytes()
    {
        var source = Batch.Random(4, 5, 10);
        byte[] pickle = CifarFixtures.Python2Batch(source, "training batch 1 of 5");
        Assert.Equal([0x80, 0x02, (byte)'}', (byte)'q', 0x00], pickle[..5]);

        var dict = new PickleDict(RestrictedUnpickler.Load(pickle, "data_batch_1"), "data_batch_1");
        var data = Assert.IsType<NumpyArray>(dict.Get("data"));
        Assert.Equal([4, 3072], data.Shape);
        Assert.True(data.Dtype!.IsUInt8);
        Assert.Equal(source.Data, data.Bytes.ToArray());
        // The pixel string is not copied out of the pickle: the array's data lies inside the pickle's own array.
        Assert.True(MemoryMarshal.TryGetArray(data.Bytes, out var segment));
        Assert.Same(pickle, segment.Array);
        Assert.Equal(source.Data, pickle.AsSpan(segment.Offset, segment.Count).ToArray());
        Assert.Equal(source.Labels, dict.GetIntegers("labels", 0, 9));
        Assert.Equal(source.FileNames, dict.GetStrings("filenames"));
    }

    [Theory]
    [InlineData("cos\nsystem\n(S'echo pwned'\ntR.", "os.system")]
    [InlineData("\u0080\u0002cposix\nsystem\nq\u0000U\u0002idq\u0001\u0085q\u0002Rq\u0003.", "posix.system")]
    [InlineData("\u0080\u0004\u0095\u001b\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u008c\u0002os\u0094\u008c\u0006system\u0094\u0093\u0094\u008c\u0002id\u0094\u0085\u0094R\u0094.", "os.system")]
    [InlineData("\u0080\u0002cdatetime\ndatetime\nq\u0000.", "datetime.datetime")]
    [InlineData("\u0080\u0002c__builtin__\neval\nq\u0000.", "__builtin__.eval")]
    public void A_pickle_naming_any_other_global_is_refused_before_unpickling(string pickle, string global)
    {
        var error = Assert.Throws<DatasetFormatException>(() => RestrictedUnpickler.Load(Encoding.Latin1.GetBytes(pickle), "evil.pickle"));
        Assert.StartsWith("evil.pickle: ", error.Message);
        Assert.Contains($"'{global}'", error.Message);
        Assert.Contains("not allowed", error.Message);
    }

    [Fact]
    public void A_stack_global_whose_names_cannot_be_checked_is_refused()
    {
        // 'os' then 'system' built with DUP tricks: the scanner cannot see the names, so it refuses.
        byte[] pickle = Encoding.Latin1.GetBytes("\u0080\u0004\u008c\u0002os\u008c\u0006system2\u0030\u0093.");
        var error = Assert.Throws<DatasetFormatException>(() => RestrictedUnpickler.Load(pickle, "evil.pickle"));
        Assert.Contains("STACK_GLOBAL", error.Message);
    }

    [Theory]
    [InlineData("\u0080\u0002}q\u0000(U\u0004dataq\u0001T\u0000\u0010\u0000\u0000abc")]
    [InlineData("\u0080\u0002}q\u0000(U\u0004da")]
    [InlineData("\u0080\u0002}q\u0000")]
    public void A_truncated_pickle_is_refused_clearly(string pickle)
    {
        var error = Assert.Throws<DatasetFormatException>(() => RestrictedUnpickler.Load(Encoding.Latin1.GetBytes(pickle), "data_batch_1"));
        Assert.StartsWith("data_batch_1: ", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Bytes_that_are_not_a_pickle_are_refused()
    {
        var error = Assert.Throws<DatasetFormatException>(() => RestrictedUnpickler.Load("<html>"u8.ToArray(), "test_batch"));
        Assert.Contains("not a pickle opcode", error.Message);
    }

    [Fact]
    public void Datumaro_cifar10_training_batch_of_python_ints_is_read()
    {
        string path = InteropFiles.Path("datumaro/tests/assets/cifar10_dataset/data_batch_1");
        var batch = CifarReader.ReadPythonBatch(File.ReadAllBytes(path), path, cifar100: false);
        Assert.Equal([0], batch.Labels);
        Assert.Equal(["image_1.png"], batch.FileNames!);
        var hwc = new byte[3072];
        batch.Images.CopyHwc(0, hwc, PixelOrder.Rgb);
        Assert.All(hwc, value => Assert.Equal(1, value));
    }

    [Fact]
    public void Datumaro_meta_files_give_the_class_names()
    {
        var meta10 = new PickleDict(RestrictedUnpickler.Load(File.ReadAllBytes(InteropFiles.Path("datumaro/tests/assets/cifar10_dataset/batches.meta")), "m"), "m");
        Assert.Equal(["airplane", "automobile", "bird", "cat"], meta10.GetStrings("label_names"));
        var meta100 = new PickleDict(RestrictedUnpickler.Load(File.ReadAllBytes(InteropFiles.Path("datumaro/tests/assets/cifar100_dataset/meta")), "m"), "m");
        Assert.Equal(["airplane", "automobile", "bird"], meta100.GetStrings("fine_label_names"));
        Assert.Equal(["air_object", "ground_object"], meta100.GetStrings("coarse_label_names"));
    }

    [Theory]
    [InlineData("cifar10_dataset/test_batch", false, "image 3")]
    [InlineData("cifar100_dataset/train", true, "image 0")]
    [InlineData("cifar100_dataset/test", true, "image 2")]
    public void Datumaro_batches_with_images_not_32x32_are_refused_naming_the_file_and_image(string file, bool cifar100, string image)
    {
        string path = InteropFiles.Path("datumaro/tests/assets/" + file);
        var error = Assert.Throws<DatasetFormatException>(() => CifarReader.ReadPythonBatch(File.ReadAllBytes(path), path, cifar100));
        Assert.StartsWith(path + ": ", error.Message);
        Assert.Contains(image, error.Message);
        Assert.Contains("32x32x3", error.Message);
    }

    [Fact]
    public void Datumaro_cifar10_folder_is_refused_as_incomplete()
    {
        using var temp = new TempDirectory();
        string input = InteropFiles.Path("datumaro/tests/assets/cifar10_dataset");
        var error = Assert.Throws<DatasetFormatException>(() => Converter.Convert(DatasetFormat.Cifar10, input, temp.File("out")));
        // Its test batch holds a 2x2 image, refused before the missing data_batch_2..5 would be.
        Assert.Contains("test_batch", error.Message);
        Assert.Contains("32x32x3", error.Message);
    }
}
