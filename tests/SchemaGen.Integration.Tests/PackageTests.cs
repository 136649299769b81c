namespace SchemaGen.Integration.Tests;

/// <summary>
/// The <c>SchemaGen</c> package as a user gets it: the runtime in lib/, the generator under analyzers/dotnet/cs, and a
/// consumer that references the package by version (not the projects) and declares a <c>[TfExample]</c> type.
/// </summary>
[Collection(PackageFeedTests.Name)]
public class PackageTests(LocalPackageFeed feed)
{
    [Fact]
    public void The_package_holds_the_runtime_per_framework_and_the_generator_as_an_analyzer()
    {
        IReadOnlyList<string> entries = feed.Entries();

        Assert.Contains("lib/net8.0/SchemaGen.Runtime.dll", entries);
        Assert.Contains("lib/net10.0/SchemaGen.Runtime.dll", entries);
        Assert.Contains("lib/net10.0/SchemaGen.Runtime.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/SchemaGen.Generator.dll", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.EndsWith("SchemaGen.Generator.dll", StringComparison.Ordinal));

        // Google.Protobuf is the only dependency: the generator and Grpc.Tools are build-time only.
        var nuspec = System.Xml.Linq.XDocument.Parse(feed.ReadEntry("SchemaGen.nuspec"));
        string[] dependencies = [.. nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).Distinct()];
        Assert.Equal(["Google.Protobuf"], dependencies);
        Assert.Equal(feed.Version, nuspec.Descendants().Single(e => e.Name.LocalName == "version").Value);
    }

    [Fact]
    public void The_package_is_published_quality_readme_licence_repository_symbols_and_source_link()
    {
        Assert.DoesNotMatch(@"(?i)\bwarn(ing)?\b", feed.PackOutput);

        var nuspec = System.Xml.Linq.XDocument.Parse(feed.ReadEntry("SchemaGen.nuspec"));
        string Element(string name) => nuspec.Descendants().Single(e => e.Name.LocalName == name).Value;
        Assert.Equal("README.md", Element("readme"));
        Assert.Contains("README.md", feed.Entries());
        Assert.StartsWith("# SchemaGen", feed.ReadEntry("README.md"), StringComparison.Ordinal);
        Assert.Equal("Apache-2.0", Element("license"));

        // The commit the package says it was built from is the repository's HEAD (git is the oracle).
        string head = DotNet.Git(Repository.Root, "rev-parse", "HEAD").Trim();
        var repository = nuspec.Descendants().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.Equal("https://github.com/schemagen/schemagen", (string?)repository.Attribute("url"));
        Assert.Equal(head, (string?)repository.Attribute("commit"));

        // Symbols as .snupkg, whose portable PDBs map every source file to that commit's raw files (Source Link).
        Assert.Contains("lib/net10.0/SchemaGen.Runtime.pdb", feed.SymbolEntries());
        string pdb = System.Text.Encoding.UTF8.GetString(feed.ReadSymbolEntry("lib/net10.0/SchemaGen.Runtime.pdb"));
        Assert.Contains($"https://raw.githubusercontent.com/schemagen/schemagen/{head}/*", pdb);
    }

    [Fact]
    public void A_consumer_of_the_package_declares_a_TfExample_writes_it_parses_it_and_prints_its_Python_spec()
    {
        ConsumerProject consumer = feed.CreateConsumer("CifarConsumer", """
            using SchemaGen;

            byte[] pixels = Enumerable.Range(0, 32 * 32 * 3).Select(i => (byte)(i % 251)).ToArray();
            var cifar = new Cifar(pixels, 7);
            string path = Path.Combine(args[0], "cifar.tfrecord");
            using (var writer = new TfRecordWriter(path))
            {
                writer.Write(cifar.ToByteArray());
            }

            using var reader = new TfRecordReader(path);
            reader.TryReadNext(out ReadOnlyMemory<byte> record);
            Cifar back = Cifar.Parse(record.Span);
            Cifar.Batch batch = Cifar.Batch.Create(1);
            Cifar.ParseInto(record.Span, batch, 0);
            Console.WriteLine($"label {back.Label}, {back.Image.Length} pixels, same: {back.Image.AsSpan().SequenceEqual(pixels)}, batch label {batch.Label[0]}");
            Console.Write(Cifar.Schema.ToPython());

            [TfExample]
            public partial record Cifar([property: TfFeature(Shape = new[] { 32, 32, 3 })] byte[] Image, long Label);
            """);

        consumer.Build();
        DotNetResult run = consumer.Run(consumer.Directory).EnsureSuccess();

        // The package came from the feed, restored into the isolated packages folder.
        Assert.True(Directory.Exists(Path.Combine(feed.PackagesPath, "schemagen", feed.Version)), $"SchemaGen {feed.Version} was not restored into {feed.PackagesPath}.");
        Assert.Equal(
            """
            label 7, 3072 pixels, same: True, batch label 7
            import tensorflow as tf

            features = {
                "image": tf.io.FixedLenFeature([], tf.string),
                "label": tf.io.FixedLenFeature([], tf.int64),
            }


            def parse(serialized):
                example = tf.io.parse_single_example(serialized, features)
                example["image"] = tf.reshape(tf.io.decode_raw(example["image"], tf.uint8), [32, 32, 3])
                return example

            """.ReplaceLineEndings("\n"),
            run.Output);
    }
}
