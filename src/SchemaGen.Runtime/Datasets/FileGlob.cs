using System.IO.Enumeration;

namespace SchemaGen.Datasets;

/// <summary>
/// Expands file patterns as <c>tf.io.gfile.glob</c> does for the usual cases: <c>*</c> and <c>?</c> in any path
/// segment; the matches of all patterns sorted by ordinal path, without duplicates.
/// </summary>
internal static class FileGlob
{
    private static readonly char[] Wildcards = ['*', '?'];

    public static string[] Expand(IEnumerable<string> pathsOrGlobs)
    {
        var matches = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string pattern in pathsOrGlobs)
        {
            ArgumentException.ThrowIfNullOrEmpty(pattern, nameof(pathsOrGlobs));
            if (pattern.IndexOfAny(Wildcards) < 0)
            {
                if (!File.Exists(pattern))
                {
                    throw new FileNotFoundException($"TFRecord file not found: {pattern}", pattern);
                }

                matches.Add(Path.GetFullPath(pattern));
                continue;
            }

            var found = Match(Path.GetFullPath(pattern)).ToList();
            if (found.Count == 0)
            {
                throw new FileNotFoundException($"No file matches {pattern}.", pattern);
            }

            // `train*` also matches `train.tfrecord.idx`; an index sidecar is never data when its file matched too.
            foreach (string path in found)
            {
                if (!(path.EndsWith(".idx", StringComparison.Ordinal) && found.Contains(path[..^4])))
                {
                    matches.Add(path);
                }
            }
        }

        return [.. matches];
    }

    private static IEnumerable<string> Match(string fullPattern)
    {
        string root = Path.GetPathRoot(fullPattern)!;
        var segments = fullPattern[root.Length..].Split(
            [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<string> current = [root];
        for (int i = 0; i < segments.Length; i++)
        {
            string segment = segments[i];
            bool last = i == segments.Length - 1;
            current = segment.IndexOfAny(Wildcards) < 0
                ? current.Select(directory => Path.Combine(directory, segment))
                : current.Where(Directory.Exists).SelectMany(directory => Entries(directory, segment, last));
        }

        return current.Where(File.Exists);
    }

    private static IEnumerable<string> Entries(string directory, string pattern, bool files) =>
        (files ? Directory.EnumerateFiles(directory) : Directory.EnumerateDirectories(directory))
            .Where(path => FileSystemName.MatchesSimpleExpression(pattern, Path.GetFileName(path), ignoreCase: false));
}
