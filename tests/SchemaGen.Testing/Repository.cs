using System.Reflection;

namespace SchemaGen.Testing;

/// <summary>
/// The repository the tests were built from, and how: tests read its own files (never by searching the folders above
/// their binaries) and pack and build it in the same configuration.
/// </summary>
public static class Repository
{
    public static string Root { get; } = Metadata("RepoRoot");

    public static string Configuration { get; } = Metadata("Configuration");

    /// <summary>The version the repository's projects carry (Directory.Build.props).</summary>
    public static string Version { get; } = Metadata("Version");

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"The test support assembly has no {key} metadata.");
}
