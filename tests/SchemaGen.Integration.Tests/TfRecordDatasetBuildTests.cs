using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace SchemaGen.Integration.Tests;

/// <summary>
/// An app that added the README's one line, <c>dotnet add package SchemaGen.App</c>, and nothing else: the runtime's
/// types, the <c>[TfExample]</c> generator and the <c>TfRecordDataset</c> item, with conversion during
/// <c>dotnet build</c>, incrementality, clean, publish, design-time builds and SCHEMA1xx errors.
/// The input is the sample's synthetic archive (the real cifar-10-python.tar.gz layout: 5 x 200 train, 200 test images).
/// </summary>
[Collection(PackageFeedTests.Name)]
public partial class TfRecordDatasetBuildTests(LocalPackageFeed feed, ITestOutputHelper log)
{
    private const string ConvertTarget = "_SchemaGenConvertDatasets";

    // Reads the converted data where the build left it, next to the program (SchemaGen's TfRecordReader), and parses it
    // with a generated type (the generator).
    private const string Program = """
        using SchemaGen;

        foreach (string split in new[] { "train", "test" })
        {
            var labels = new int[10];
            foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "data", "cifar-10-python"), split + ".tfrecord-*").Where(f => !f.EndsWith(".idx")).Order())
            {
                using var reader = new TfRecordReader(file);
                while (reader.TryReadNext(out ReadOnlyMemory<byte> record))
                {
                    Cifar image = Cifar.Parse(record.Span);
                    labels[image.Label] += image.Image.Length == 3072 ? 1 : 1000;
                }
            }

            Console.WriteLine($"{split}: {labels.Sum()} images, labels {string.Join(' ', labels)}");
        }

        [TfExample]
        public partial record Cifar(byte[] Image, long Label);
        """;

    private static readonly string Archive = Repository.Path("samples/Cifar10/data/cifar-10-python-mini.tar.gz");

    [Fact]
    public void Build_converts_skips_when_nothing_changed_reconverts_on_touch_and_metadata_publishes_and_cleans()
    {
        ConsumerProject consumer = CreateConsumer("DatasetConsumer", """<TfRecordDataset Include="data/cifar-10-python.tar.gz" />""");
        string input = Path.Combine(consumer.Directory, "data", "cifar-10-python.tar.gz");
        string data = Path.Combine(consumer.OutputDirectory, "data", "cifar-10-python");
        string train = Path.Combine(data, "train.tfrecord-00000-of-00001");
        string info = Path.Combine(data, "dataset_info.json");

        // The one line is all the project references.
        var reference = Assert.Single(consumer.PackageReferences());
        Assert.Equal("SchemaGen.App", (string?)reference.Attribute("Include"));
        Assert.Empty(reference.Elements());

        // A design-time build (what IDEs run on every edit) never converts.
        DotNetResult designTime = consumer.Build("-p:DesignTimeBuild=true", "-v:n");
        Assert.False(Directory.Exists(data), $"A design-time build wrote {data}:\n{designTime.Output}");

        DotNetResult first = consumer.Build("-v:n");
        Assert.Contains("SchemaGen: cifar-10-python.tar.gz: train: 1000 records", first.Output);
        Assert.Equal(["dataset_info.json", "test.tfrecord-00000-of-00001", "train.tfrecord-00000-of-00001"], FileNames(data));
        // Every record parses as a 3072-byte image and a label (a wrong-sized image would count 1000).
        string firstRun = consumer.Run().EnsureSuccess().Output;
        Assert.StartsWith("train: 1000 images, labels ", firstRun);
        Assert.Contains("test: 200 images, labels ", firstRun);

        // Nothing changed: the conversion target is skipped and its outputs keep their time stamps.
        DateTime converted = File.GetLastWriteTimeUtc(train);
        DotNetResult noOp = consumer.Build("-v:n", "-clp:PerformanceSummary");
        Assert.Contains($"Skipping target \"{ConvertTarget}\" because all output files are up-to-date", noOp.Output);
        Assert.DoesNotContain("SchemaGen: cifar-10-python.tar.gz:", noOp.Output);
        Assert.Equal(converted, File.GetLastWriteTimeUtc(train));
        int targetMilliseconds = SchemaGenTargetMilliseconds(noOp.Output);
        log.WriteLine($"No-op build: the SchemaGen targets took {targetMilliseconds} ms in all.");
        Assert.True(targetMilliseconds < 500, $"The SchemaGen targets took {targetMilliseconds} ms on a no-op build:\n{noOp.Output}");

        // A touched input is converted again.
        File.SetLastWriteTimeUtc(input, DateTime.UtcNow);
        DotNetResult touched = consumer.Build("-v:n");
        Assert.Contains("SchemaGen: cifar-10-python.tar.gz: train: 1000 records", touched.Output);
        Assert.True(File.GetLastWriteTimeUtc(train) > converted, "The touched input was not converted again.");

        // Changed metadata is converted again, and the files of the old shard count are gone.
        File.WriteAllText(consumer.ProjectFile, File.ReadAllText(consumer.ProjectFile).Replace("<TfRecordDataset Include=\"data/cifar-10-python.tar.gz\" />", "<TfRecordDataset Include=\"data/cifar-10-python.tar.gz\" Shards=\"3\" Index=\"true\" />"));
        DotNetResult resharded = consumer.Build("-v:n");
        Assert.Contains("SchemaGen: cifar-10-python.tar.gz: train: 1000 records", resharded.Output);
        string[] shards = [.. Enumerable.Range(0, 3).SelectMany(i => new[] { $"test.tfrecord-0000{i}-of-00003", $"train.tfrecord-0000{i}-of-00003" })];
        string[] indexes = [.. shards.Select(s => s + ".idx")];
        Assert.Equal([.. new[] { "dataset_info.json" }.Concat(shards).Concat(indexes).Order(StringComparer.Ordinal)], FileNames(data));
        Assert.Equal(1000, File.ReadLines(Path.Combine(data, "train.tfrecord-00000-of-00003.idx")).Count()
            + File.ReadLines(Path.Combine(data, "train.tfrecord-00001-of-00003.idx")).Count()
            + File.ReadLines(Path.Combine(data, "train.tfrecord-00002-of-00003.idx")).Count());
        Assert.Equal(firstRun, consumer.Run().EnsureSuccess().Output);

        // Publish carries the data to the same place beside the program.
        string publish = Path.Combine(consumer.Directory, "publish");
        consumer.DotNet("publish", "--output", publish).EnsureSuccess();
        Assert.Equal(FileNames(data), FileNames(Path.Combine(publish, "data", "cifar-10-python")));
        Assert.Equal(firstRun, DotNet.Run(publish, null, Path.Combine(publish, "DatasetConsumer.dll")).EnsureSuccess().Output);

        // Clean removes every output; the next build converts again.
        consumer.DotNet("clean").EnsureSuccess();
        Assert.Empty(FileNames(data));
        consumer.Build();
        Assert.True(File.Exists(info), "The build after clean did not convert.");
    }

    [Fact]
    public void A_damaged_or_missing_input_fails_the_build_with_a_SCHEMA1xx_error_that_names_the_file()
    {
        ConsumerProject consumer = CreateConsumer("BrokenDatasetConsumer", """<TfRecordDataset Include="data/cifar-10-python.tar.gz" />""");
        string input = Path.Combine(consumer.Directory, "data", "cifar-10-python.tar.gz");
        byte[] whole = File.ReadAllBytes(input);
        File.WriteAllBytes(input, whole.AsSpan(0, whole.Length / 2).ToArray());

        DotNetResult truncated = consumer.DotNet("build");
        Assert.NotEqual(0, truncated.ExitCode);
        // The console logger prints canonical errors as `file : error CODE: message`.
        Assert.Matches(Regex.Escape(input) + @" ?: error SCHEMA104: cifar-10-python\.tar\.gz!cifar-10-batches-py/data_batch_\d: truncated: the archive ends inside this member", truncated.Output);
        Assert.False(Directory.Exists(Path.Combine(consumer.OutputDirectory, "data", "cifar-10-python")), "A failed conversion left output behind.");

        File.Delete(input);
        DotNetResult missing = consumer.DotNet("build");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Matches(Regex.Escape(consumer.ProjectFile) + " ?: error SCHEMA101: " + Regex.Escape($"The TfRecordDataset input '{input}' does not exist."), missing.Output);
    }

    private ConsumerProject CreateConsumer(string name, string item)
    {
        ConsumerProject consumer = feed.CreateConsumer(name, Program, $"""
              <ItemGroup>
                {item}
              </ItemGroup>
            """);
        Directory.CreateDirectory(Path.Combine(consumer.Directory, "data"));
        File.Copy(Archive, Path.Combine(consumer.Directory, "data", "cifar-10-python.tar.gz"));
        consumer.AddPackage("SchemaGen.App", feed.Version);
        return consumer;
    }

    private static string[] FileNames(string directory) =>
        Directory.Exists(directory) ? [.. Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal)!] : [];

    private static int SchemaGenTargetMilliseconds(string output) =>
        TargetTime().Matches(output).Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    // "        5 ms  _SchemaGenPrepareDatasets                  1 calls" in the target performance summary.
    [GeneratedRegex(@"^\s*(\d+) ms\s+_?SchemaGen\w*\s+\d+ calls", RegexOptions.Multiline)]
    private static partial Regex TargetTime();
}
