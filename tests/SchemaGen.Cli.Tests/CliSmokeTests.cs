namespace SchemaGen.Cli.Tests;

public class CliSmokeTests
{
    [Fact]
    public void Interop_folder_is_reachable() =>
        Assert.True(File.Exists(SchemaGen.Tests.Infrastructure.InteropFiles.Path("MANIFEST.md")));
}
