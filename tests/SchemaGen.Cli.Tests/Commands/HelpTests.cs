namespace SchemaGen.Cli.Tests.Commands;

/// <summary>Help shows that a command takes several files wherever it does.</summary>
public class HelpTests
{
    public static TheoryData<string, string> MultiFileCommands => new()
    {
        { "count", "<FILE...>" },
        { "verify", "<FILE...>" },
        { "index", "<FILE...>" },
        { "schema", "<FILE...>" },
        { "preview", "<FILE...>" },
        { "export-images", "<FILE...> <OUTDIR>" },
    };

    [Theory]
    [MemberData(nameof(MultiFileCommands))]
    public void The_command_list_shows_FILE_dots(string command, string arguments)
    {
        var result = Schemagen.Run("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.OutLines, line => line.StartsWith($"  {command} {arguments} ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("count")]
    [InlineData("verify")]
    [InlineData("index")]
    [InlineData("schema")]
    [InlineData("preview")]
    [InlineData("export-images")]
    public void The_command_s_own_help_shows_FILE_dots_in_usage_and_arguments(string command)
    {
        var result = Schemagen.Run(command, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.OutLines, line => line.StartsWith($"  schemagen {command} <FILE>... ", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, line => line.StartsWith("  <FILE...> ", StringComparison.Ordinal));
    }

    [Fact]
    public void Cat_takes_one_file_and_says_so()
    {
        var result = Schemagen.Run("--help");

        Assert.Contains(result.OutLines, line => line.StartsWith("  cat <FILE> ", StringComparison.Ordinal));
    }

    [Fact]
    public void Export_images_needs_an_output_folder_after_the_files()
    {
        var result = Schemagen.Run("export-images", InteropFiles.Path(InteropRecords.PwnallSingles));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.StartsWith("export-images takes one or more FILEs, then OUTDIR.\n", result.Error, StringComparison.Ordinal);
    }
}
