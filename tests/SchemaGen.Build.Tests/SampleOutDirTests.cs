namespace SchemaGen.Build.Tests;

/// <summary>
/// <c>dotnet build samples/Cifar10 -p:OutDir=X/</c>: the OutDir is the sample's own, so the in-repository task and
/// converter are loaded from their projects' bin/ as the sample's paths say (this failed with MSB4062 when the task
/// project followed the OutDir), and X holds the program, what it references, and the converted data.
/// </summary>
public sealed class SampleOutDirTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    // A copy of the sample at the same depth in the repository (artifacts/ is ignored), so that this build shares no
    // obj/ with the sample's own builds, which other test projects run at the same time.
    private readonly string _sample = Repository.Path($"artifacts/Cifar10-{Guid.NewGuid():N}");

    public void Dispose()
    {
        _temp.Dispose();
        if (Directory.Exists(_sample))
        {
            Directory.Delete(_sample, recursive: true);
        }

        string artifacts = Path.GetDirectoryName(_sample)!;
        if (Directory.Exists(artifacts) && !Directory.EnumerateFileSystemEntries(artifacts).Any())
        {
            Directory.Delete(artifacts);
        }
    }

    [Fact]
    public void The_sample_builds_into_an_OutDir_with_its_references_and_data_and_without_the_task_or_converter()
    {
        string source = Repository.Path("samples/Cifar10");
        Directory.CreateDirectory(Path.Combine(_sample, "data"));
        foreach (string file in Directory.GetFiles(source, "*.cs").Append(Path.Combine(source, "Cifar10.csproj")))
        {
            File.Copy(file, Path.Combine(_sample, Path.GetFileName(file)));
        }

        File.Copy(DatasetProject.Archive, Path.Combine(_sample, "data", Path.GetFileName(DatasetProject.Archive)));
        string outDir = _temp.File("out") + Path.DirectorySeparatorChar;

        // The references were built with this test project; building them again here would race with the other test
        // projects that build them. Their outputs are where the sample looks only when they ignore the OutDir too.
        DotNet.Run(_sample, null, "build", "--configuration", Repository.Configuration, "--disable-build-servers", "--no-dependencies",
            "-p:RestoreRecursive=false", $"-p:OutDir={outDir}").EnsureSuccess();

        Assert.True(File.Exists(Path.Combine(outDir, "Cifar10.dll")), $"No Cifar10.dll in {outDir}.");
        Assert.True(File.Exists(Path.Combine(outDir, "SchemaGen.Runtime.dll")), $"The referenced runtime was not copied to {outDir}.");
        Assert.Equal(DatasetProject.Expected(4), Directory.GetFiles(Path.Combine(outDir, "data", "cifar10")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.False(File.Exists(Path.Combine(outDir, "SchemaGen.Build.dll")), "The task was built into the sample's OutDir.");
        Assert.False(File.Exists(Path.Combine(outDir, "schemagen.dll")), "The converter was built into the sample's OutDir.");
    }
}
