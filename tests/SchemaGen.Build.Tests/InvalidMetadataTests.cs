namespace SchemaGen.Build.Tests;

/// <summary>
/// SCHEMA108: each invalid metadata value of a <c>TfRecordDataset</c> item is one error on the project that names the
/// item, the metadata and what was expected, found before the converter starts (so nothing is written).
/// </summary>
public sealed class InvalidMetadataTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("Format", "tfrecord", "cifar10, cifar100, imagefolder")]
    [InlineData("Shards", "0", "a whole number from 1 to 99999")]
    [InlineData("Shards", "100000", "a whole number from 1 to 99999")]
    [InlineData("Shards", "two", "a whole number from 1 to 99999")]
    [InlineData("Shards", "-1", "a whole number from 1 to 99999")]
    [InlineData("Encoding", "webp", "raw, png, jpeg")]
    [InlineData("PixelOrder", "rbg", "rgb, bgr")]
    [InlineData("Seed", "12.5", "a 64-bit integer, or empty for the source order")]
    [InlineData("Seed", "99999999999999999999", "a 64-bit integer, or empty for the source order")]
    [InlineData("Index", "yes", "true, false")]
    [InlineData("Compression", "bzip2", "none, gzip, zlib")]
    public void An_invalid_value_is_one_SCHEMA108_on_the_project_naming_the_item_the_metadata_and_what_was_expected(string metadata, string value, string expected)
    {
        DatasetProject project = DatasetProject.Create(_temp.FullPath);

        TaskRun run = project.Convert(task => typeof(ConvertTfRecordDataset).GetProperty(metadata)!.SetValue(task, value));

        BuildErrorEventArgs error = run.SingleError();
        Assert.Equal("SCHEMA108", error.Code);
        Assert.Equal(project.ProjectFile, error.File);
        Assert.Equal($"TfRecordDataset '{project.Input}': {metadata}=\"{value}\" is not valid; expected {expected}.", error.Message);
        Assert.False(Directory.Exists(project.OutputDir), "The converter ran on invalid metadata.");
    }

    [Theory]
    [InlineData("Index", "true", "Compression", "gzip", "Index=\"true\" is not valid; expected false with Compression=\"gzip\" (compressed shards have no byte offsets to index), or Compression=\"none\".")]
    [InlineData("PixelOrder", "BGR", "Encoding", "png", "PixelOrder=\"BGR\" is not valid; expected rgb with Encoding=\"png\" (PNG and JPEG files are RGB), or Encoding=\"raw\".")]
    public void A_pair_the_converter_refuses_is_one_SCHEMA108_that_names_both(string metadata, string value, string other, string otherValue, string message)
    {
        DatasetProject project = DatasetProject.Create(_temp.FullPath);

        TaskRun run = project.Convert(task =>
        {
            typeof(ConvertTfRecordDataset).GetProperty(metadata)!.SetValue(task, value);
            typeof(ConvertTfRecordDataset).GetProperty(other)!.SetValue(task, otherValue);
        });

        BuildErrorEventArgs error = run.SingleError();
        Assert.Equal("SCHEMA108", error.Code);
        Assert.Equal($"TfRecordDataset '{project.Input}': {message}", error.Message);
    }

    [Fact]
    public void Every_invalid_value_is_reported_and_a_pair_only_between_valid_values()
    {
        DatasetProject project = DatasetProject.Create(_temp.FullPath);

        TaskRun run = project.Convert(task =>
        {
            task.Shards = "0";
            task.Encoding = "webp";
            task.PixelOrder = "bgr"; // with an invalid Encoding: not a second error for the pair
            task.Index = "true";
            task.Compression = "bzip2"; // likewise with Index
        });

        Assert.False(run.Succeeded);
        Assert.Equal(["SCHEMA108 Shards", "SCHEMA108 Encoding", "SCHEMA108 Compression"],
            run.Engine.Errors.Select(e => e.Code + " " + e.Message![(e.Message!.IndexOf("': ", StringComparison.Ordinal) + 3)..e.Message.IndexOf('=', StringComparison.Ordinal)]));
    }

    [Fact]
    public void Valid_values_in_any_case_convert()
    {
        DatasetProject project = DatasetProject.Create(_temp.FullPath);

        project.Convert(task =>
        {
            task.Format = "CIFAR10";
            task.Shards = "2";
            task.Encoding = "Raw";
            task.PixelOrder = "BGR";
            task.Seed = "-7";
            task.Index = "True";
            task.Compression = "NONE";
        }).EnsureSuccess();

        Assert.Equal(DatasetProject.Expected(2, index: true), project.OutputNames());
    }
}
