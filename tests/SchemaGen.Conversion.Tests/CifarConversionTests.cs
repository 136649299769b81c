using System.Text.Json;
using SchemaGen.Conversion.Images;
using SchemaGen.Conversion.Tests.Infrastructure;
using SchemaGen.Records;
using SchemaGen.Schema;
using SchemaGen.Testing.Fixtures;

namespace SchemaGen.Conversion.Tests;

public sealed class CifarConversionTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly Batch[] _train = CifarFixtures.TrainBatches();
    private readonly Batch _test = Batch.Random(5, 99, 10);

    public void Dispose() => _temp.Dispose();

    private string Cifar10PythonArchive()
    {
        string path = _temp.File("cifar-10-python.tar.gz");
        if (!File.Exists(path))
        {
            CifarFixtures.WriteTarGz(path, CifarFixtures.Cifar10Python(_train, _test));
        }

        return path;
    }

    private void AssertCifar10(string output, PixelOrder order = PixelOrder.Rgb)
    {
        var train = Shards.Read(output, "train");
        var expected = _train.SelectMany(batch => Enumerable.Range(0, batch.Count).Select(i => (batch, i))).ToArray();
        Assert.Equal(expected.Length, train.Count);
        for (int k = 0; k < expected.Length; k++)
        {
            var (batch, i) = expected[k];
            Assert.Equal(batch.Hwc(i, order == PixelOrder.Bgr), train[k].Image());
            Assert.Equal(batch.Labels[i], train[k].Int64("label"));
            Assert.Equal(["image", "label"], train[k].Features.Feature.Keys.Order(StringComparer.Ordinal));
        }

        var test = Shards.Read(output, "test");
        Assert.Equal(_test.Count, test.Count);
        for (int i = 0; i < _test.Count; i++)
        {
            Assert.Equal(_test.Hwc(i, order == PixelOrder.Bgr), test[i].Image());
            Assert.Equal(_test.Labels[i], test[i].Int64("label"));
        }

        using var info = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "dataset_info.json")));
        Assert.Equal(CifarFixtures.Cifar10Classes, info.RootElement.GetProperty("class_names").GetProperty("label").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Python_archive_converts_pixel_exact_with_labels_and_class_names()
    {
        string output = _temp.File("out");
        var result = Converter.Convert(DatasetFormat.Cifar10, Cifar10PythonArchive(), output);

        AssertCifar10(output);
        Assert.Equal([("train", 30), ("test", 5)], result.Splits.Select(s => (s.Name, s.Records)));
        Assert.Equal(["train.tfrecord-00000-of-00001"], Shards.Files(output, "train").Select(Path.GetFileName));
    }

    [Fact]
    public void Dataset_info_records_splits_shards_features_and_the_archive_sha256()
    {
        string archive = Cifar10PythonArchive();
        string output = _temp.File("out");
        Converter.Convert(DatasetFormat.Cifar10, archive, output, new ConversionOptions { Shards = 4 });

        using var info = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "dataset_info.json")));
        var root = info.RootElement;
        var source = root.GetProperty("sources").EnumerateArray().Single();
        Assert.Equal("cifar-10-python.tar.gz", source.GetProperty("path").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(archive))), source.GetProperty("sha256").GetString());
        var train = root.GetProperty("splits")[0];
        Assert.Equal(30, train.GetProperty("num_records").GetInt32());
        Assert.Equal([7, 8, 7, 8], train.GetProperty("shards").EnumerateArray().Select(s => s.GetProperty("records").GetInt32()));
        var image = root.GetProperty("images").GetProperty("image");
        Assert.Equal([32, 32, 3], image.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("raw", image.GetProperty("encoding").GetString());
        Assert.Equal("rgb", image.GetProperty("pixel_order").GetString());

        // The schema is ExampleSchema's own JSON: what a C# [TfExample] record Cifar(byte[] Image, long Label) declares.
        var schema = ExampleSchema.FromJson(root.GetProperty("schema").GetRawText());
        Assert.Equal(
            [
                new FeatureSpec("image", FeatureDType.String, FeatureSpecKind.FixedLen, decodeRawShape: [32, 32, 3]),
                new FeatureSpec("label", FeatureDType.Int64, FeatureSpecKind.FixedLen),
            ],
            schema.Features.ToArray());
        Assert.Equal([7, 8, 7, 8], Shards.Files(output, "train").Select(file => TfRecordReader.ReadAllRecords(file).Count));
    }

    [Fact]
    public void Binary_archive_converts_pixel_exact()
    {
        string archive = _temp.File("cifar-10-binary.tar.gz");
        CifarFixtures.WriteTarGz(archive, CifarFixtures.Cifar10Binary(_train, _test));
        string output = _temp.File("out");
        Converter.Convert(DatasetFormat.Cifar10, archive, output);
        AssertCifar10(output);
    }

    [Fact]
    public void Bgr_order_swaps_the_channels()
    {
        string output = _temp.File("out");
        Converter.Convert(DatasetFormat.Cifar10, Cifar10PythonArchive(), output, new ConversionOptions { PixelOrder = PixelOrder.Bgr });
        AssertCifar10(output, PixelOrder.Bgr);
    }

    [Fact]
    public void Extracted_directory_gives_the_same_shards_as_the_archive()
    {
        string directory = _temp.File("extracted");
        CifarFixtures.WriteDirectory(directory, CifarFixtures.Cifar10Python(_train, _test));
        Converter.Convert(DatasetFormat.Cifar10, Path.Combine(directory, "cifar-10-batches-py"), _temp.File("a"));
        Converter.Convert(DatasetFormat.Cifar10, Cifar10PythonArchive(), _temp.File("b"));

        var a = Shards.Snapshot(_temp.File("a"));
        var b = Shards.Snapshot(_temp.File("b"));
        a.Remove("dataset_info.json");
        b.Remove("dataset_info.json");
        Assert.Equal(b, a);
    }

    [Fact]
    public void Uncompressed_tar_gives_the_same_shards_as_the_tar_gz_and_its_own_sha256()
    {
        string tar = _temp.File("cifar-10-python.tar");
        using (var file = File.Create(tar))
        {
            CifarFixtures.WriteTar(file, CifarFixtures.Cifar10Python(_train, _test));
        }

        Converter.Convert(DatasetFormat.Cifar10, tar, _temp.File("a"));
        Converter.Convert(DatasetFormat.Cifar10, Cifar10PythonArchive(), _temp.File("b"));

        var a = Shards.Snapshot(_temp.File("a"));
        var b = Shards.Snapshot(_temp.File("b"));
        using var info = JsonDocument.Parse(a["dataset_info.json"]);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(tar))),
            info.RootElement.GetProperty("sources")[0].GetProperty("sha256").GetString());
        a.Remove("dataset_info.json");
        b.Remove("dataset_info.json");
        Assert.Equal(b, a);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Cifar100_has_fine_and_coarse_labels(bool binary)
    {
        var train = Batch.Random(9, 7, 100, 20);
        var test = Batch.Random(4, 8, 100, 20);
        string archive = _temp.File(binary ? "cifar-100-binary.tar.gz" : "cifar-100-python.tar.gz");
        CifarFixtures.WriteTarGz(archive, binary ? CifarFixtures.Cifar100Binary(train, test) : CifarFixtures.Cifar100Python(train, test));
        string output = _temp.File("out");
        Converter.Convert(DatasetFormat.Cifar100, archive, output);

        var records = Shards.Read(output, "train");
        Assert.Equal(9, records.Count);
        for (int i = 0; i < 9; i++)
        {
            Assert.Equal(train.Hwc(i), records[i].Image());
            Assert.Equal(train.Labels[i], records[i].Int64("label"));
            Assert.Equal(train.Coarse![i], records[i].Int64("coarse_label"));
        }

        Assert.Equal(4, Shards.Read(output, "test").Count);
        using var info = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "dataset_info.json")));
        var names = info.RootElement.GetProperty("class_names");
        Assert.Equal(CifarFixtures.Cifar100Coarse, names.GetProperty("coarse_label").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(CifarFixtures.Cifar100Fine, names.GetProperty("label").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Two_runs_give_identical_bytes()
    {
        var options = new ConversionOptions { Shards = 3, Seed = 7, WriteIndex = true, IncludeId = true, IncludeFileName = true };
        Converter.Convert(DatasetFormat.Cifar10, Cifar10PythonArchive(), _temp.File("a"), options);
        Converter.Convert(DatasetFormat.Cifar10, Cifar10PythonArchive(), _temp.File("b"), options);
        var a = Shards.Snapshot(_temp.File("a"));
        Assert.Equal(3 * 2 * 2 + 1, a.Count);
        Assert.Equal(a, Shards.Snapshot(_temp.File("b")));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Shard_index_runs_together_equal_a_single_run_byte_for_byte(int jobs)
    {
        var options = new ConversionOptions { Shards = 5, Seed = 11, WriteIndex = true };
        Converter.Convert(DatasetFormat.Cifar10, Cifar10PythonArchive(), _temp.File("single"), options);
        string union = _temp.File("union");
        for (int job = 0; job < jobs; job++)
        {
            var result = Converter.Convert(DatasetFormat.Cifar10, Cifar10PythonArchive(), union, options with { ShardIndex = job, ShardCount = jobs });
            Assert.All(result.Splits, split => Assert.Equal(Enumerable.Range(0, 5).Count(s => s % jobs == job), split.ShardsWritten));
            Assert.False(File.Exists(Path.Combine(union, "dataset_info.json")));
        }

        Assert.Equal(Path.Combine(union, "dataset_info.json"), Converter.Finalize(union));
        Assert.Equal(Shards.Snapshot(_temp.File("single")), WithoutJobManifests(Shards.Snapshot(union), jobs));
    }

    [Fact]
    public void Shard_index_jobs_running_at_once_in_one_directory_equal_a_single_run()
    {
        const int Jobs = 4;
        var options = new ConversionOptions { Shards = 8, Seed = 5, WriteIndex = true };
        Converter.Convert(DatasetFormat.Cifar10, Cifar10PythonArchive(), _temp.File("single"), options);

        // Every job writes its manifest, staged under its own temporary name.
        string union = _temp.File("union");
        using var start = new Barrier(Jobs);
        Parallel.For(0, Jobs, new ParallelOptions { MaxDegreeOfParallelism = Jobs }, job =>
        {
            start.SignalAndWait();
            Converter.Convert(DatasetFormat.Cifar10, Cifar10PythonArchive(), union, options with { ShardIndex = job, ShardCount = Jobs });
        });

        Converter.Finalize(union, Jobs);
        Assert.Equal(Shards.Snapshot(_temp.File("single")), WithoutJobManifests(Shards.Snapshot(union), Jobs));
        Assert.Empty(Directory.GetFiles(union, "*.tmp"));
    }

    [Fact]
    public void Finalize_names_a_missing_shard_and_writes_no_dataset_info()
    {
        var options = new ConversionOptions { Shards = 4, ShardCount = 2 };
        string union = _temp.File("union");
        for (int job = 0; job < 2; job++)
        {
            Converter.Convert(DatasetFormat.Cifar10, Cifar10PythonArchive(), union, options with { ShardIndex = job });
        }

        string shard = Path.Combine(union, "test.tfrecord-00002-of-00004");
        File.Delete(shard);

        var error = Assert.Throws<FileNotFoundException>(() => Converter.Finalize(union));
        Assert.Equal($"{shard}: job 0 wrote it, but it is gone.", error.Message);
        Assert.False(File.Exists(Path.Combine(union, "dataset_info.json")));
    }

    [Fact]
    public void Finalize_without_a_job_count_refuses_manifests_of_two_runs()
    {
        string union = _temp.File("union");
        Converter.Convert(DatasetFormat.Cifar10, Cifar10PythonArchive(), union, new ConversionOptions { Shards = 4, ShardIndex = 0, ShardCount = 2 });
        Converter.Convert(DatasetFormat.Cifar10, Cifar10PythonArchive(), union, new ConversionOptions { Shards = 4, ShardIndex = 0, ShardCount = 4 });

        Assert.Contains("job manifests of several runs (2 jobs, 4 jobs)", Assert.Throws<InvalidDataException>(() => Converter.Finalize(union)).Message, StringComparison.Ordinal);
        // Told the count, it finds the first run's second job missing.
        Assert.Contains("1 of 2 jobs have not finished", Assert.Throws<InvalidDataException>(() => Converter.Finalize(union, 2)).Message, StringComparison.Ordinal);
    }

    // The jobs' manifests (_job-00000-of-0000N.json) are the only files a single run does not write.
    private static SortedDictionary<string, byte[]> WithoutJobManifests(SortedDictionary<string, byte[]> files, int jobs)
    {
        for (int job = 0; job < jobs; job++)
        {
            Assert.True(files.Remove($"_job-{job:D5}-of-{jobs:D5}.json"));
        }

        return files;
    }

    [Fact]
    public void Seed_permutes_the_records_deterministically()
    {
        Converter.Convert(DatasetFormat.Cifar10, Cifar10PythonArchive(), _temp.File("plain"), new ConversionOptions { IncludeId = true });
        Converter.Convert(DatasetFormat.Cifar10, Cifar10PythonArchive(), _temp.File("shuffled"), new ConversionOptions { IncludeId = true, Seed = 1 });
        Converter.Convert(DatasetFormat.Cifar10, Cifar10PythonArchive(), _temp.File("other"), new ConversionOptions { IncludeId = true, Seed = 2 });

        var plain = Shards.Read(_temp.File("plain"), "train");
        var shuffled = Shards.Read(_temp.File("shuffled"), "train");
        var other = Shards.Read(_temp.File("other"), "train");
        Assert.NotEqual(plain.Select(e => e.Text("id")), shuffled.Select(e => e.Text("id")));
        Assert.NotEqual(other.Select(e => e.Text("id")), shuffled.Select(e => e.Text("id")));
        // Each id still carries its own image and label.
        var byId = plain.ToDictionary(e => e.Text("id"));
        Assert.All(shuffled, e => Assert.Equal(byId[e.Text("id")], e));
        Assert.Equal(byId.Keys.Order(), shuffled.Select(e => e.Text("id")).Order());
    }

    [Fact]
    public void Id_and_filename_features_come_from_the_batches()
    {
        string output = _temp.File("out");
        Converter.Convert(DatasetFormat.Cifar10, Cifar10PythonArchive(), output, new ConversionOptions { IncludeId = true, IncludeFileName = true });
        var test = Shards.Read(output, "test");
        Assert.Equal(_test.FileNames, test.Select(e => e.Text("filename")));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"test_{i:D5}"), test.Select(e => e.Text("id")));
    }

    [Fact]
    public void Gzip_shards_and_index_sidecars_read_back()
    {
        string gz = _temp.File("gz");
        Converter.Convert(DatasetFormat.Cifar10, Cifar10PythonArchive(), gz, new ConversionOptions { Compression = TfRecordCompression.Gzip });
        Assert.Equal(30, Shards.Read(gz, "train").Count);
        Assert.Equal(0x1f, File.ReadAllBytes(Shards.Files(gz, "train")[0])[0]);

        string indexed = _temp.File("indexed");
        Converter.Convert(DatasetFormat.Cifar10, Cifar10PythonArchive(), indexed, new ConversionOptions { WriteIndex = true });
        string shard = Shards.Files(indexed, "train")[0];
        var entries = TfRecordIndex.Read(shard + ".idx");
        Assert.Equal(30, entries.Count);
        Assert.Equal(new FileInfo(shard).Length, entries[^1].Offset + entries[^1].Size);
    }

    [Fact]
    public void Png_encoding_decodes_to_the_same_pixels()
    {
        string output = _temp.File("out");
        Converter.Convert(DatasetFormat.Cifar10, Cifar10PythonArchive(), output, new ConversionOptions { Encoding = ImageEncoding.Png });
        var test = Shards.Read(output, "test");
        for (int i = 0; i < _test.Count; i++)
        {
            byte[] png = test[i].Image();
            Assert.Equal(0x89, png[0]);
            // Read back by the tests' own PNG decoder, not the codec that wrote it.
            Assert.Equal(_test.Hwc(i), PngPicture.Decode(png).Rgb);
        }
    }
}
