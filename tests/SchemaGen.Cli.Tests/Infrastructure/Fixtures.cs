namespace SchemaGen.Cli.Tests.Infrastructure;

/// <summary>
/// Expected outputs made by Python's protobuf (build/make-cli-fixtures.py), copied beside the test assembly.
/// </summary>
internal static class Fixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Text(string name) => File.ReadAllText(Path(name));

    public static string[] Lines(string name) => File.ReadAllLines(Path(name));

    /// <summary>The data rows of a tab-separated fixture (its first line is a # comment naming the columns).</summary>
    public static IEnumerable<string[]> Rows(string name) =>
        File.ReadLines(Path(name)).Where(line => !line.StartsWith('#')).Select(line => line.Split('\t'));
}
