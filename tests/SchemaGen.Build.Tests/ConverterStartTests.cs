namespace SchemaGen.Build.Tests;

/// <summary>SCHEMA110: a converter that is missing or cannot be started is an error that says which, never a crash.</summary>
public sealed class ConverterStartTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_missing_converter_is_SCHEMA110_on_the_project_naming_it()
    {
        DatasetProject project = DatasetProject.Create(_temp.FullPath);
        string missing = _temp.File("schemagen.dll");

        BuildErrorEventArgs error = project.Convert(task => task.ConverterPath = missing).SingleError();

        Assert.Equal("SCHEMA110", error.Code);
        Assert.Equal(project.ProjectFile, error.File);
        Assert.Contains($"'{missing}'", error.Message);
    }

    [Fact]
    public void A_dotnet_host_that_cannot_be_started_is_SCHEMA110_naming_it_and_the_next_run_with_a_good_one_converts()
    {
        DatasetProject project = DatasetProject.Create(_temp.FullPath);
        string host = _temp.File("dotnet");
        File.WriteAllText(host, "not a program"); // no execute bit: exec fails for root too

        BuildErrorEventArgs error = project.Convert(task => task.DotNetHostPath = host).SingleError();

        Assert.Equal("SCHEMA110", error.Code);
        Assert.Equal(project.Input, error.File);
        Assert.StartsWith($"The SchemaGen converter could not be started with '{host}': ", error.Message);
        Assert.False(File.Exists(project.Stamp));

        project.Convert().EnsureSuccess();
        Assert.Equal(DatasetProject.Expected(1), project.OutputNames());
    }

    [Fact]
    public void A_converter_that_exits_without_a_SCHEMA_error_is_SCHEMA110_with_its_exit_code_and_first_line()
    {
        DatasetProject project = DatasetProject.Create(_temp.FullPath);
        string converter = _temp.File("schemagen.dll");
        File.WriteAllText(converter, "not an assembly");

        BuildErrorEventArgs error = project.Convert(task => task.ConverterPath = converter).SingleError();

        Assert.Equal("SCHEMA110", error.Code);
        Assert.Equal(project.Input, error.File);
        Assert.Matches(@"^The SchemaGen converter exited with code -?[1-9]\d*: .+", error.Message);
        Assert.False(File.Exists(project.Stamp));
    }
}
