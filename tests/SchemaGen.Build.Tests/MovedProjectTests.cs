namespace SchemaGen.Build.Tests;

/// <summary>
/// A project that converted data and was then moved or copied elsewhere (a moved clone, a moved consumer of the
/// package): its stamp names files relative to the output folder, so it cleans up its own files in the new place,
/// never touches the old one, and a stamp of full paths from an older SchemaGen is no crash.
/// </summary>
public sealed class MovedProjectTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_moved_project_converts_and_deletes_its_stale_files_in_the_new_place()
    {
        DatasetProject project = DatasetProject.Create(_temp.File("old-location"));
        project.Convert(task => task.Shards = "4").EnsureSuccess();
        Assert.Equal(DatasetProject.Expected(4), File.ReadAllLines(project.Stamp).Order(StringComparer.Ordinal));

        project.MoveTo(_temp.File("new-location"));
        project.Convert(task => task.Shards = "2").EnsureSuccess();

        Assert.Equal(DatasetProject.Expected(2), project.OutputNames());
        Assert.False(Directory.Exists(_temp.File("old-location")));
    }

    [Fact]
    public void A_copied_project_deletes_its_own_stale_files_and_never_the_originals()
    {
        DatasetProject original = DatasetProject.Create(_temp.File("original"));
        original.Convert(task => task.Shards = "4").EnsureSuccess();
        CopyDirectory(original.Directory, _temp.File("copy"));
        DatasetProject copy = DatasetProject.Open(_temp.File("copy"));

        copy.Convert(task => task.Shards = "2").EnsureSuccess();

        Assert.Equal(DatasetProject.Expected(2), copy.OutputNames());
        Assert.Equal(DatasetProject.Expected(4), original.OutputNames());
    }

    [Fact]
    public void A_stamp_of_full_paths_in_a_folder_that_is_gone_is_no_error()
    {
        // What an older SchemaGen left in obj/ before the project was moved: the crash this class is about.
        DatasetProject project = DatasetProject.Create(_temp.File("new-location"));
        string gone = Path.Combine(_temp.File("old-location"), "bin", "data", "cifar10");
        Directory.CreateDirectory(Path.GetDirectoryName(project.Stamp)!);
        File.WriteAllLines(project.Stamp, DatasetProject.Expected(4).Select(name => Path.Combine(gone, name)));

        project.Convert().EnsureSuccess();

        Assert.Equal(DatasetProject.Expected(1), project.OutputNames());
        Assert.Equal(DatasetProject.Expected(1), File.ReadAllLines(project.Stamp).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_moved_project_builds_and_cleans_in_its_new_place()
    {
        // The user's report, end to end with dotnet build: every build after the move failed with MSB4018.
        InRepoConsumer consumer = InRepoConsumer.Create(_temp.File("old-location"), """<TfRecordDataset Include="data/cifar-10-python.tar.gz" Shards="4" />""");
        consumer.DotNet("build").EnsureSuccess();

        consumer.MoveTo(_temp.File("new-location"));
        DotNetResult moved = consumer.DotNet("build", "-v:n").EnsureSuccess();

        string data = Path.Combine(consumer.OutputDirectory, "data", "cifar-10-python");
        Assert.Contains("SchemaGen: cifar-10-python.tar.gz: train: 1000 records", moved.Output); // converted again: the input moved
        Assert.Equal(DatasetProject.Expected(4), Directory.GetFiles(data).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // Clean finds the files through the stamp's names, in the new place.
        consumer.DotNet("clean").EnsureSuccess();
        Assert.Empty(Directory.GetFiles(data));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (string directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }

        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
        }
    }
}
