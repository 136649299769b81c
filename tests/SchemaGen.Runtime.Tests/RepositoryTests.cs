using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace SchemaGen.Runtime.Tests;

/// <summary>
/// The repository stands alone: a clone holds every file that building, testing and understanding it needs, and
/// nothing in it points outside itself.
/// </summary>
public partial class RepositoryTests
{
    // What a clone is read from: the README and the folders it names as the project's own.
    private static readonly string[] CheckedFolders = ["src", "tests", "samples", "build", "docs", ".ci"];

    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".cs", ".csproj", ".props", ".targets", ".sln", ".md", ".sh", ".py", ".json", ".xml", ".yml", ".yaml", ".txt",
        ".editorconfig", ".config", "",
    };

    [Fact]
    public void Nothing_refers_to_a_path_outside_the_repository()
    {
        string root = Path.GetFullPath(Repository.Root);
        var violations = new List<string>();
        foreach (string file in TextFiles(root))
        {
            string text = File.ReadAllText(file);
            string folder = Path.GetDirectoryName(file)!;
            foreach (Match match in RelativePath().Matches(text))
            {
                string resolved = Path.GetFullPath(Path.Combine(folder, match.Value.Replace('\\', '/')));
                if (!IsInside(resolved, root))
                {
                    violations.Add($"{Path.GetRelativePath(root, file)}: '{match.Value}' leaves the repository");
                }
            }

            foreach (Match match in SiblingFolder().Matches(text))
            {
                violations.Add($"{Path.GetRelativePath(root, file)}: '{match.Value}' names a folder beside the repository");
            }
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void The_guard_sees_a_reference_outside_the_repository()
    {
        // The check above is only as good as its patterns: these are the shapes it must catch (spelled in pieces so
        // that this file does not trip the check itself).
        const string sibling = "shared";
        Assert.Matches(RelativePath(), $"see [the design](../../{sibling}/design/ARCHITECTURE.md)");
        Assert.Matches(SiblingFolder(), $"the files in `{sibling}/interop/` beside the clone");
        Assert.DoesNotMatch(RelativePath(), "a/b.txt and ./c");
    }

    [Fact]
    public void Every_interop_file_is_listed_with_its_checksum_and_every_listed_file_is_there()
    {
        string folder = InteropFiles.Path("");
        string readme = File.ReadAllText(InteropFiles.Path("README.md"));
        var listed = InteropRow().Matches(readme).ToDictionary(m => m.Groups["path"].Value, m => m.Groups["sha"].Value);
        var present = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(f => !f.EndsWith(".md", StringComparison.Ordinal))
            .ToHashSet();

        Assert.Equal(35, listed.Count);
        Assert.Equal(listed.Keys.Order(StringComparer.Ordinal), present.Order(StringComparer.Ordinal));
        foreach (var (path, sha) in listed)
        {
            string actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(InteropFiles.Path(path))));
            Assert.True(sha == actual, $"{path}: README says {sha}, the file hashes to {actual}");
        }
    }

    private static IEnumerable<string> TextFiles(string root)
    {
        yield return Path.Combine(root, "README.md");
        foreach (string top in CheckedFolders)
        {
            string folder = Path.Combine(root, top);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (string file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                bool generated = relative.Split('/').Any(part => part is "bin" or "obj" or "node_modules" or "BenchmarkDotNet.Artifacts");
                if (!generated && TextExtensions.Contains(Path.GetExtension(file)) && !relative.StartsWith("tests/data/interop/", StringComparison.Ordinal))
                {
                    yield return file;
                }
            }
        }
    }

    private static bool IsInside(string path, string root) =>
        path.Equals(root.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal)
        || path.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    // One or more "../" (or "..\") steps and what follows them, as a path in a link, a project item or a string.
    [GeneratedRegex(@"(?<![\w.])(?:\.\.[/\\])+[\w.\-/\\*]*")]
    private static partial Regex RelativePath();

    // The folder of reference material that sits beside a working copy but never beside a clone.
    [GeneratedRegex(@"\bshared[/\\](?:interop|design|hooks)\b")]
    private static partial Regex SiblingFolder();

    // A row of tests/data/interop/README.md's file table: | `path` | bytes | writer | records | `sha256` |
    [GeneratedRegex(@"^\| `(?<path>[^`]+)` \| \d+ \|.*\| `(?<sha>[0-9a-f]{64})` \|$", RegexOptions.Multiline)]
    private static partial Regex InteropRow();
}
