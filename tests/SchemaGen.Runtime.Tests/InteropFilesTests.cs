using SchemaGen.Tests.Infrastructure;

namespace SchemaGen.Tests;

public class InteropFilesTests
{
    [Fact]
    public void Manifest_is_found_beside_the_repository() =>
        Assert.True(File.Exists(InteropFiles.Path("MANIFEST.md")));
}
