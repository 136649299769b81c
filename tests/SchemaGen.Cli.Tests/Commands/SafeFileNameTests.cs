using SchemaGen.Cli.Commands;

namespace SchemaGen.Cli.Tests.Commands;

/// <summary>Names from data become one path segment that stays in its folder, distinct names staying distinct.</summary>
public sealed class SafeFileNameTests
{
    [Theory]
    [InlineData("cat", "cat")]
    [InlineData("Écureuil 松鼠", "Écureuil 松鼠")]
    [InlineData("..", ".%2E")]
    [InlineData(".", "%2E")]
    [InlineData("../escaped", "..%2Fescaped")]
    [InlineData("..\\escaped", "..%5Cescaped")]
    [InlineData("/etc/passwd", "%2Fetc%2Fpasswd")]
    [InlineData("C:\\Windows", "C%3A%5CWindows")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("", "%")]
    [InlineData("%", "%25")]
    [InlineData("%2F", "%252F")]
    [InlineData("name.", "name%2E")]
    [InlineData("name ", "name%20")]
    [InlineData("CON", "%43ON")]
    [InlineData("nul", "%6Eul")]
    [InlineData("com1.txt", "%63om1.txt")]
    [InlineData("LPT9", "%4CPT9")]
    [InlineData("CONSOLE", "CONSOLE")]
    [InlineData("a\tb\nc", "a%09b%0Ac")]
    [InlineData("what?*", "what%3F%2A")]
    [InlineData("<a|b>\"", "%3Ca%7Cb%3E%22")]
    public void Names_are_escaped(string name, string expected) => Assert.Equal(expected, SafeFileName.Escape(name));

    [Fact]
    public void Every_escaped_name_is_one_segment_that_does_not_climb()
    {
        string[] names = ["..", ".", "", "/", "\\", "../..", "a/../../b", "/abs/olute", "C:", "\\\\server\\share", "~", "CON", "x\0y", new string('a', 300), new string('é', 150)];
        foreach (string name in names)
        {
            string escaped = SafeFileName.Escape(name);
            Assert.NotEqual("", escaped);
            Assert.NotEqual(".", escaped);
            Assert.NotEqual("..", escaped);
            Assert.False(Path.IsPathRooted(escaped), escaped);
            Assert.Equal(escaped, Path.GetFileName(escaped));
            Assert.DoesNotContain('/', escaped);
            Assert.DoesNotContain('\\', escaped);
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(escaped) <= 255, escaped);
        }
    }

    [Fact]
    public void Distinct_names_stay_distinct()
    {
        string[] names = ["a/b", "a%2Fb", "a%252Fb", "..", ".%2E", "", "%", "con", "%63on", "x.", "x%2E", "x", new string('a', 300), new string('a', 301)];
        Assert.Equal(names.Length, names.Select(SafeFileName.Escape).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Under_stays_inside_the_folder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "out");
        foreach (string name in new[] { "../escaped", "/abs", "..", "", "a/b/c" })
        {
            Assert.Equal(Path.GetFullPath(folder), Path.GetDirectoryName(SafeFileName.Under(folder, name)));
        }
    }
}
