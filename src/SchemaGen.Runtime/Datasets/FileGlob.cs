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

    public static string[] Expand(IEnumerable<string> pathsOrGlobs) => Expand(pathsOrGlobs, out _, out _);

    /// <summary>
    /// Expands the patterns and folders; <paramref name="objects"/> describes each match that is an object, by its
    /// address; <paramref name="partitions"/> holds the Hive-style partition values of each file found under a
    /// folder's <c>col=value</c> folders (see <see cref="SparkOutputFolder"/>).
    /// </summary>
    public static string[] Expand(
        IEnumerable<string> pathsOrGlobs,
        out Dictionary<string, ObjectInfo> objects,
        out Dictionary<string, List<(string Name, string RawValue)>> partitions)
    {
        var matches = new SortedSet<string>(StringComparer.Ordinal);
        objects = new Dictionary<string, ObjectInfo>(StringComparer.Ordinal);
        partitions = new Dictionary<string, List<(string Name, string RawValue)>>(StringComparer.Ordinal);
        foreach (string pattern in pathsOrGlobs)
        {
            ArgumentException.ThrowIfNullOrEmpty(pattern, nameof(pathsOrGlobs));
            if (ObjectUri.IsObjectUri(pattern))
            {
                if (ObjectFolder(pattern) is { } folder)
                {
                    var byName = folder.Objects.ToDictionary(info => info.Uri.ToString(), StringComparer.Ordinal);
                    var entries = folder.Objects
                        .Where(info => !info.Uri.Key.EndsWith('/'))
                        .Select(info => (Name: info.Uri.ToString(), RelativePath: info.Uri.Key[folder.Prefix.Key.Length..]));
                    foreach (var (name, partition) in SparkOutputFolder.Select(folder.Prefix.ToString(), entries))
                    {
                        matches.Add(name);
                        objects[name] = byName[name];
                        AddPartition(partitions, name, partition);
                    }

                    continue;
                }

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

            if (pattern.IndexOfAny(Wildcards) < 0 && Directory.Exists(pattern))
            {
                string folder = Path.GetFullPath(pattern);
                var entries = Directory
                    .EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                    .Select(path => (Name: path, RelativePath: Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/')));
                foreach (var (name, partition) in SparkOutputFolder.Select(pattern, entries))
                {
                    matches.Add(name);
                    AddPartition(partitions, name, partition);
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

    private static void AddPartition(
        Dictionary<string, List<(string Name, string RawValue)>> partitions, string name, List<(string Name, string RawValue)> partition)
    {
        if (partition.Count > 0)
        {
            partitions[name] = partition;
        }
    }

    // A folder of objects: an address without wildcards that ends in '/' (or names a whole bucket), or that names no
    // object but a prefix with objects under it (s3://bucket/out for the folder Spark wrote as out/).
    private static (ObjectUri Prefix, List<ObjectInfo> Objects)? ObjectFolder(string address)
    {
        var uri = ObjectUri.Parse(address);
        if (ObjectGlob.HasWildcards(uri))
        {
            return null;
        }

        if (uri.Key.Length == 0 || uri.Key.EndsWith('/'))
        {
            return (uri, ObjectFiles.List(uri));
        }

        // One listing of the key as a prefix tells an object (listed under its own key) from a folder (keys under
        // key/). A listing that is refused or finds no bucket leaves the address to the object path, whose request
        // names what is wrong (and an object stays readable with rights to read it but not to list).
        List<ObjectInfo> listed;
        try
        {
            listed = ObjectFiles.List(uri);
        }
        catch (Exception exception) when (exception is FileNotFoundException or UnauthorizedAccessException)
        {
            return null;
        }

        string folderKey = uri.Key + "/";
        var under = listed.Where(info => info.Uri.Key.StartsWith(folderKey, StringComparison.Ordinal)).ToList();
        return listed.Any(info => info.Uri.Key == uri.Key) || under.Count == 0 ? null : (uri.WithKey(folderKey), under);
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
