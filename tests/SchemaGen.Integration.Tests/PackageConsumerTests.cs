namespace SchemaGen.Integration.Tests;

/// <summary>
/// What the package cut gives the projects that use it, shown on real restores and builds: an app that adds the
/// README's one line gets everything (<see cref="TfRecordDatasetBuildTests"/> builds that app); a library that
/// references only <c>SchemaGen</c>, packed and referenced by an app, hands that app the runtime and nothing of the
/// build step; and <c>SchemaGen.Build</c> added on its own stays private to the project that added it.
/// </summary>
[Collection(PackageFeedTests.Name)]
public class PackageConsumerTests(LocalPackageFeed feed)
{
    private const string LibrarySource = """
        using SchemaGen;

        namespace CifarLibrary;

        [TfExample]
        public partial record Cifar([property: TfFeature(Shape = new[] { 32, 32, 3 })] byte[] Image, long Label);

        /// <summary>A library's API over SchemaGen's types and its own generated one.</summary>
        public static class CifarFiles
        {
            public static void Write(string path, Cifar image)
            {
                using var writer = new TfRecordWriter(path);
                writer.Write(image.ToByteArray());
            }

            public static Cifar ReadFirst(string path)
            {
                using var reader = new TfRecordReader(path);
                reader.TryReadNext(out ReadOnlyMemory<byte> record);
                return Cifar.Parse(record.Span);
            }
        }
        """;

    // The app uses the library's type and SchemaGen's own (which reach it through the library's dependency), and declares
    // a dataset whose input does not exist: the build step would fail the build with SCHEMA101; without it the item is inert.
    private const string AppSource = """
        using CifarLibrary;
        using SchemaGen;

        byte[] pixels = Enumerable.Range(0, 32 * 32 * 3).Select(i => (byte)(i % 251)).ToArray();
        string path = Path.Combine(args[0], "cifar.tfrecord");
        CifarFiles.Write(path, new Cifar(pixels, 7));
        Cifar back = CifarFiles.ReadFirst(path);
        Cifar.Batch batch = Cifar.Batch.Create(1);
        using (var reader = new TfRecordReader(path))
        {
            reader.TryReadNext(out ReadOnlyMemory<byte> record);
            Cifar.ParseInto(record.Span, batch, 0);
        }

        Console.WriteLine($"label {back.Label}, {back.Image.Length} pixels, same: {back.Image.AsSpan().SequenceEqual(pixels)}, batch label {batch.Label[0]}");
        Console.Write(Cifar.Schema.ToPython());
        """;

    [Fact]
    public void A_library_that_references_only_SchemaGen_hands_its_app_the_runtime_and_nothing_of_the_build_step()
    {
        // The library: `dotnet add package SchemaGen`, a [TfExample] type, packed into the feed.
        ConsumerProject library = feed.CreateConsumer("CifarLibrary", LibrarySource, """
              <PropertyGroup>
                <!-- Prerelease, as the SchemaGen it depends on (NuGet refuses a stable package on a prerelease). -->
                <Version>1.0.0-local</Version>
              </PropertyGroup>
            """, outputType: "Library");
        library.AddPackage("SchemaGen", feed.Version);
        library.DotNet("pack", "--output", feed.FeedPath).EnsureSuccess();
        var packed = new PackedPackage("CifarLibrary", Path.Combine(feed.FeedPath, "CifarLibrary.1.0.0-local.nupkg"));
        Assert.Equal(["SchemaGen"], packed.DependencyIds());

        // The app references the library alone.
        ConsumerProject app = feed.CreateConsumer("CifarApp", AppSource, """
              <ItemGroup>
                <TfRecordDataset Include="data/cifar-10-python.tar.gz" />
              </ItemGroup>
            """);
        app.AddPackage("CifarLibrary", "1.0.0-local");
        app.Build();

        IReadOnlyList<string> restored = app.RestoredLibraries();
        Assert.Contains($"SchemaGen/{feed.Version}", restored);
        Assert.DoesNotContain(restored, l => l.StartsWith("SchemaGen.Build/", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("schemagen.build", app.RestoredImports(), StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(Path.Combine(app.OutputDirectory, "data")), "Something converted a dataset in an app without the build step.");

        DotNetResult run = app.Run(app.Directory).EnsureSuccess();
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

    [Fact]
    public void Adding_SchemaGen_Build_makes_it_private_to_the_project_and_gives_no_compile_assets()
    {
        // NuGet's developmentDependency: `dotnet add package` writes PrivateAssets=all (the package never flows to the
        // project's consumers) and IncludeAssets without compile, which NuGet applies to the package's dependencies too:
        // why the one line for apps is SchemaGen.App, a package with both as ordinary dependencies.
        ConsumerProject project = feed.CreateConsumer("BuildStepOnly", "Console.WriteLine();\n");
        project.AddPackage("SchemaGen.Build", feed.Version);

        var reference = Assert.Single(project.PackageReferences());
        Assert.Equal("SchemaGen.Build", (string?)reference.Attribute("Include"));
        Assert.Equal("all", reference.Element("PrivateAssets")?.Value);
        string[] included = [.. reference.Element("IncludeAssets")!.Value.Split(';', StringSplitOptions.TrimEntries)];
        Assert.Contains("build", included);
        Assert.DoesNotContain("compile", included);
        Assert.Contains("schemagen.build.targets", project.RestoredImports(), StringComparison.OrdinalIgnoreCase);
    }
}
