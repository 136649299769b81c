using SchemaGen.Testing.Fixtures;

namespace SchemaGen.Conversion.Tests;

public sealed class CifarErrorTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly Batch[] _train = CifarFixtures.TrainBatches(3);
    private readonly Batch _test = Batch.Random(2, 99, 10);

    public void Dispose() => _temp.Dispose();

    private DatasetFormatException Fails(string input, DatasetFormat format = DatasetFormat.Cifar10) =>
        Assert.Throws<DatasetFormatException>(() => Converter.Convert(format, input, _temp.File("out")));

    [Fact]
    public void A_missing_batch_is_named()
    {
        string archive = _temp.File("cifar-10-python.tar.gz");
        CifarFixtures.WriteTarGz(archive, CifarFixtures.Cifar10Python(_train, _test).Where(m => !m.Name.EndsWith("data_batch_3", StringComparison.Ordinal)));
        var error = Fails(archive);
        Assert.Contains("cifar-10-batches-py/data_batch_3", error.Message);
        Assert.Contains("missing", error.Message);
        Assert.False(Directory.Exists(_temp.File("out")));
    }

    [Fact]
    public void A_truncated_archive_names_the_archive_and_member()
    {
        string archive = _temp.File("cifar-10-python.tar.gz");
        CifarFixtures.WriteTarGz(archive, CifarFixtures.Cifar10Python(_train, _test));
        byte[] bytes = File.ReadAllBytes(archive);
        File.WriteAllBytes(archive, bytes[..(bytes.Length / 2)]);
        var error = Fails(archive);
        Assert.Contains("cifar-10-python.tar.gz", error.Message);
    }

    [Fact]
    public void A_corrupt_gzip_stream_names_the_archive()
    {
        string archive = _temp.File("cifar-10-python.tar.gz");
        CifarFixtures.WriteTarGz(archive, CifarFixtures.Cifar10Python(_train, _test));
        byte[] bytes = File.ReadAllBytes(archive);
        for (int i = 100; i < 400; i++)
        {
            bytes[i] ^= 0x5A;
        }

        File.WriteAllBytes(archive, bytes);
        var error = Fails(archive);
        Assert.StartsWith("cifar-10-python.tar.gz", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_an_archive_is_refused()
    {
        string archive = _temp.File("cifar-10-python.tar.gz");
        File.WriteAllText(archive, "<html>404 Not Found</html>");
        Assert.Contains("cifar-10-python.tar.gz", Fails(archive).Message);
    }

    [Fact]
    public void A_binary_batch_of_the_wrong_size_is_named()
    {
        var members = CifarFixtures.Cifar10Binary(_train, _test)
            .Select(m => m.Name.EndsWith("data_batch_2.bin", StringComparison.Ordinal) ? (m.Name, m.Content[..^5]) : m);
        string archive = _temp.File("cifar-10-binary.tar.gz");
        CifarFixtures.WriteTarGz(archive, members);
        var error = Fails(archive);
        Assert.Contains("cifar-10-binary.tar.gz!cifar-10-batches-bin/data_batch_2.bin", error.Message);
        Assert.Contains("3073-byte records", error.Message);
    }

    [Fact]
    public void A_damaged_pickle_in_an_extracted_directory_is_named()
    {
        string directory = _temp.File("cifar-10-batches-py");
        var members = CifarFixtures.Cifar10Python(_train, _test)
            .Select(m => m.Name.EndsWith("test_batch", StringComparison.Ordinal) ? (m.Name, m.Content[..(m.Content.Length - 100)]) : m);
        CifarFixtures.WriteDirectory(_temp.FullPath, members);
        var error = Fails(directory);
        Assert.Contains(Path.Combine("cifar-10-batches-py", "test_batch"), error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void A_label_beyond_the_class_names_is_named()
    {
        var bad = _test with { Labels = [3, 10] };
        string archive = _temp.File("cifar-10-python.tar.gz");
        CifarFixtures.WriteTarGz(archive, CifarFixtures.Cifar10Python(_train, bad));
        var error = Fails(archive);
        Assert.Contains("test_batch", error.Message);
        Assert.Contains("labels[1] is 10", error.Message);
    }

    [Fact]
    public void A_damaged_pickle_early_in_an_archive_stops_the_reading_and_is_named()
    {
        // data_batch_4 is the first member: it is parsed on the second thread while the rest inflates.
        var members = CifarFixtures.Cifar10Python(_train, _test)
            .Select(m => m.Name.EndsWith("data_batch_4", StringComparison.Ordinal) ? (m.Name, m.Content[..(m.Content.Length - 100)]) : m);
        string archive = _temp.File("cifar-10-python.tar.gz");
        CifarFixtures.WriteTarGz(archive, members);
        var error = Fails(archive);
        Assert.StartsWith("cifar-10-python.tar.gz!cifar-10-batches-py/data_batch_4: ", error.Message);
        Assert.Contains("truncated", error.Message);
        Assert.False(Directory.Exists(_temp.File("out")));
    }

    [Fact]
    public void A_failed_run_leaves_the_previous_output_as_it_was()
    {
        string output = _temp.File("out");
        string archive = _temp.File("cifar-10-python.tar.gz");
        CifarFixtures.WriteTarGz(archive, CifarFixtures.Cifar10Python(_train, _test));
        Converter.Convert(DatasetFormat.Cifar10, archive, output);
        var before = Directory.GetFiles(output).Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllBytes(f))).ToArray();

        // Different test images, written while the archive is read, then a label that fails validation at the end.
        var other = Batch.Random(2, 7, 10);
        var bad = _train.Select((batch, i) => i == 0 ? batch with { Labels = [.. batch.Labels[..^1], 10] } : batch).ToArray();
        CifarFixtures.WriteTarGz(archive, CifarFixtures.Cifar10Python(bad, other));
        Assert.Contains("labels[2] is 10", Assert.Throws<DatasetFormatException>(() => Converter.Convert(DatasetFormat.Cifar10, archive, output)).Message);

        Assert.Equal(before.Select(f => f.Item1), Directory.GetFiles(output).Order(StringComparer.Ordinal));
        foreach (var (file, bytes) in before)
        {
            Assert.Equal(bytes, File.ReadAllBytes(file));
        }
    }

    [Fact]
    public void A_cancelled_run_leaves_no_complete_looking_file()
    {
        string archive = _temp.File("cifar-10-python.tar.gz");
        CifarFixtures.WriteTarGz(archive, CifarFixtures.Cifar10Python(_train, _test));
        string output = _temp.File("out");
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Stage == "train" && p.Total > 0)
            {
                cancel.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => Converter.Convert(DatasetFormat.Cifar10, archive, output, new ConversionOptions { Shards = 2 }, progress, cancel.Token));
        Assert.Empty(Directory.GetFiles(output));
    }

    private sealed class SynchronousProgress(Action<ConversionProgress> report) : IProgress<ConversionProgress>
    {
        public void Report(ConversionProgress value) => report(value);
    }
}
