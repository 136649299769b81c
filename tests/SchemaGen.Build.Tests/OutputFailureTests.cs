namespace SchemaGen.Build.Tests;

/// <summary>
/// SCHEMA109: a file the task or the converter cannot write or delete is an error on the input that names the path,
/// never a crash; the previous stamp stays, so the next run after the cause is gone converts and cleans up. The causes
/// are ones that stop root too (the tests run as root in CI, where permission bits stop nothing): a regular file where a
/// folder must be, a folder where a file must be deleted.
/// </summary>
public sealed class OutputFailureTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_deleted_output_folder_is_converted_again_and_stale_files_that_went_with_it_are_no_error()
    {
        DatasetProject project = DatasetProject.Create(_temp.FullPath);
        project.Convert(task => task.Shards = "3").EnsureSuccess();

        Directory.Delete(project.OutputDir, recursive: true);
        TaskRun run = project.Convert(task => task.Shards = "2").EnsureSuccess();

        Assert.Equal(DatasetProject.Expected(2), project.OutputNames());
        Assert.Equal(DatasetProject.Expected(2).Select(name => project.OutputDir + name).Order(StringComparer.Ordinal), run.OutputFiles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_output_folder_that_cannot_be_created_is_SCHEMA109_naming_it_and_converts_once_the_cause_is_gone()
    {
        DatasetProject project = DatasetProject.Create(_temp.FullPath);
        string blocker = Path.Combine(project.Directory, "bin");
        File.WriteAllText(blocker, "a file where the output folder's parent must be");

        BuildErrorEventArgs error = project.Convert().SingleError();
        Assert.Equal("SCHEMA109", error.Code);
        Assert.Equal(project.Input, error.File);
        Assert.Contains($"'{project.OutputDir.TrimEnd(Path.DirectorySeparatorChar)}'", error.Message);
        Assert.False(File.Exists(project.Stamp), "A failed conversion wrote a stamp.");

        File.Delete(blocker);
        project.Convert().EnsureSuccess();
        Assert.Equal(DatasetProject.Expected(1), project.OutputNames());
    }

    [Fact]
    public void A_stale_file_that_cannot_be_deleted_is_SCHEMA109_naming_it_and_is_deleted_by_the_next_run_once_it_can_be()
    {
        DatasetProject project = DatasetProject.Create(_temp.FullPath);
        project.Convert(task => task.Shards = "2").EnsureSuccess();
        string stamp = File.ReadAllText(project.Stamp);
        string stale = Path.Combine(project.OutputDir, "train.tfrecord-00001-of-00002");
        File.Delete(stale);
        Directory.CreateDirectory(Path.Combine(stale, "in-the-way")); // File.Delete refuses a folder, for root too

        BuildErrorEventArgs error = project.Convert(task => task.Shards = "1").SingleError();
        Assert.Equal("SCHEMA109", error.Code);
        Assert.Equal(project.Input, error.File);
        Assert.StartsWith($"The file '{stale}' of the previous conversion cannot be deleted: ", error.Message);
        Assert.Equal(stamp, File.ReadAllText(project.Stamp)); // kept: the next run knows what to delete

        Directory.Delete(stale, recursive: true);
        project.Convert(task => task.Shards = "1").EnsureSuccess();
        Assert.Equal(DatasetProject.Expected(1), project.OutputNames());
    }

    [Fact]
    public void A_stamp_that_cannot_be_written_is_SCHEMA109_naming_it_and_is_written_once_the_cause_is_gone()
    {
        DatasetProject project = DatasetProject.Create(_temp.FullPath);
        string blocker = Path.GetDirectoryName(project.Stamp)!;
        Directory.CreateDirectory(Path.GetDirectoryName(blocker)!);
        File.WriteAllText(blocker, "a file where the stamp's folder must be");

        BuildErrorEventArgs error = project.Convert().SingleError();
        Assert.Equal("SCHEMA109", error.Code);
        Assert.StartsWith($"The list of files written, '{project.Stamp}', cannot be written: ", error.Message);

        File.Delete(blocker);
        project.Convert().EnsureSuccess();
        Assert.Equal(DatasetProject.Expected(1), File.ReadAllLines(project.Stamp).Order(StringComparer.Ordinal));
    }
}
