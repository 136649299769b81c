namespace SchemaGen.Cli.Tests.Commands;

public class CountCommandTests
{
    [Fact]
    public void Counts_every_interop_file_as_MANIFEST_states_then_the_total()
    {
        var paths = InteropRecords.All.Select(file => InteropFiles.Path(file.Path)).ToArray();

        var result = Schemagen.Run(["count", .. paths]);

        Assert.Equal("", result.Error);
        Assert.Equal(0, result.ExitCode);
        var expected = InteropRecords.All
            .Select((file, i) => $"{file.Records}\t{paths[i]}")
            .Append($"{InteropRecords.All.Sum(file => file.Records)}\ttotal");
        Assert.Equal(expected, result.OutLines);
    }

    [Fact]
    public void A_missing_file_is_one_error_line_naming_it()
    {
        using var temp = new TempDirectory();
        var missing = temp.File("nope.tfrecord");

        var result = Schemagen.Run("count", InteropFiles.Path(InteropRecords.PwnallSingles), missing);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"{missing}: no such file\n", result.Error);
    }
}
