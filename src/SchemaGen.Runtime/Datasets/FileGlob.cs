using System.IO.Enumeration;
using SchemaGen.Storage;

namespace SchemaGen.Datasets;

/// <summary>
/// Expands file patterns as <c>tf.io.gfile.glob</c> does for the usual cases: <c>*</c> and <c>?</c> in any path
/// segment; the matches of all patterns sorted by ordinal path, without duplicates. Object addresses
/// (<c>s3://bucket/prefix/*.tfrecord</c>) are expanded the same way by listing their prefix (<see cref="ObjectGlob"/>).
/// </summary>
internal static class FileGlob
{
    private static readonly char[] Wildcards = ['*', '?'];

    public static string[] Expand(IEnumerable<string> pathsOrGlobs) => Expand(pathsOrGlobs, out _);

    /// <summary>Expands the patterns; <paramref name="objects"/> describes each match that is an object, by its address.</summary>
    public static string[] Expand(IEnumerable<string> pathsOrGlobs, out Dictionary<string, ObjectInfo> objects)
    {
        var matches = new SortedSet<string>(StringComparer.Ordinal);
        objects = new Dictionary<string, ObjectInfo>(StringComparer.Ordinal);
        foreach (string pattern in pathsOrGlobs)
        {
            ArgumentException.ThrowIfNullOrEmpty(pattern, nameof(pathsOrGlobs));
            if (ObjectUri.IsObjectUri(pattern))
            {
                var listed = ObjectFiles.Expand(pattern);
                var keys = listed.Select(info => info.Uri.Key).ToHashSet(StringComparer.Ordinal);
                foreach (var info in listed)
                {
                    // As for files: an index sidecar is never data when its object matched too.
                    if (!(info.Uri.Key.EndsWith(".idx", StringComparison.Ordinal) && keys.Contains(info.Uri.Key[..^4])))
                    {
                        string name = info.Uri.ToString();
                        matches.Add(name);
                        objects[name] = info;
                    }
                }

                continue;
            }

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
