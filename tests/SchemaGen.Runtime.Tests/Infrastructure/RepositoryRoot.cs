using System.Reflection;

namespace SchemaGen.Tests.Infrastructure;

/// <summary>
/// The repository the test assembly was built from (its <c>RepoRoot</c> metadata, set in Directory.Build.targets), so
/// tests reach the repository's own files without searching the folders above their binaries.
/// </summary>
internal static class RepositoryRoot
{
    public static string Path { get; } =
        typeof(RepositoryRoot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value
        ?? throw new InvalidOperationException("The test assembly carries no RepoRoot metadata.");

    public static string Combine(string relative) =>
        System.IO.Path.Combine(Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));
}
