using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SchemaGen.Build.Outputs;

/// <summary>
/// The stamp of a conversion: the names of the files it wrote, one a line, relative to its output folder, so a project
/// moved or copied elsewhere (with its obj/) still finds its own files and never those of the place it came from.
/// </summary>
internal static class OutputList
{
    private static readonly bool IgnoreCase = Path.DirectorySeparatorChar == '\\';

    /// <summary>The file system's own comparison of paths (Windows ignores case).</summary>
    public static StringComparer PathComparer { get; } = IgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>The lines of the stamp, or none when there is no stamp yet.</summary>
    public static IReadOnlyList<string> Read(string path) =>
        File.Exists(path) ? [.. File.ReadAllLines(path).Where(line => line.Length > 0)] : [];

    /// <summary>
    /// The full path a line names inside <paramref name="outputDirectory"/> (a full path ending in a separator), or
    /// null for a line that points elsewhere: a full path written by an older SchemaGen in a folder the project has left.
    /// </summary>
    public static string? Resolve(string outputDirectory, string line)
    {
        string path;
        try
        {
            path = Path.GetFullPath(Path.Combine(outputDirectory, line));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null; // not a path at all: not one of ours
        }

        return path.Length > outputDirectory.Length && path.StartsWith(outputDirectory, IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)
            ? path
            : null;
    }

    /// <summary>Writes the stamp under a temporary name and renames it into place, so it is whole or absent.</summary>
    public static void WriteAtomically(string path, IEnumerable<string> names)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string temp = path + ".tmp";
        try
        {
            File.WriteAllLines(temp, names);
            if (File.Exists(path))
            {
                File.Replace(temp, path, null);
            }
            else
            {
                File.Move(temp, path);
            }
        }
        finally
        {
            if (File.Exists(temp))
            {
                TryDelete(temp);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The write's own error is the one to report.
        }
    }
}
