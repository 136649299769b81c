using System.Globalization;

namespace SchemaGen.Datasets;

/// <summary>
/// The data files of a folder that Spark wrote (LinkedIn's spark-tfrecord: <c>part-00000-&lt;uuid&gt;-c000.tfrecord</c>,
/// <c>….tfrecord.gz</c> with a codec), found as Spark finds them: every folder below it, hidden names passed over
/// (<c>_SUCCESS</c>, <c>_committed_*</c>, <c>_started_*</c>, <c>_temporary/</c>, <c>.part-….crc</c>), Hive-style
/// <c>col=value</c> folders parsed into partition values.
/// </summary>
internal static class SparkOutputFolder
{
    private const string PartPrefix = "part-";
    private const string IndexExtension = ".idx";

    /// <summary>
    /// The part files among <paramref name="entries"/> (every file under the folder, by its path relative to it with
    /// <c>/</c> separators), with their partition values. An index sidecar beside a part file is left out.
    /// </summary>
    /// <exception cref="FileNotFoundException">The folder holds no part file.</exception>
    /// <exception cref="InvalidDataException">A visible file is not a part file, or the partition folders disagree.</exception>
    public static List<(string Name, List<(string Name, string RawValue)> Partition)> Select(
        string folder, IEnumerable<(string Name, string RelativePath)> entries)
    {
        var visible = entries
            .Where(entry => entry.RelativePath.Length > 0 && !entry.RelativePath.Split('/').Any(HivePartitionPath.IsHidden))
            .ToList();
        var named = visible.Where(entry => FileName(entry.RelativePath).StartsWith(PartPrefix, StringComparison.Ordinal)).ToList();
        var namedPaths = named.Select(entry => entry.RelativePath).ToHashSet(StringComparer.Ordinal);

        // `schemagen index` writes part-….tfrecord.idx beside a part file: the part file's, never data.
        bool IsSidecar((string Name, string RelativePath) entry) =>
            entry.RelativePath.EndsWith(IndexExtension, StringComparison.Ordinal) && namedPaths.Contains(entry.RelativePath[..^IndexExtension.Length]);
        var parts = named.Where(entry => !IsSidecar(entry)).ToList();
        var others = visible
            .Where(entry => !namedPaths.Contains(entry.RelativePath) && !IsSidecar(entry))
            .Select(entry => entry.Name)
            .Order(StringComparer.Ordinal)
            .ToList();

        if (parts.Count == 0)
        {
            string holds = others.Count == 0 ? "nothing but hidden files" : $"{others.Count} other file(s), such as {others[0]}";
            throw new FileNotFoundException(
                $"{folder}: no part files (part-*, the files Spark writes) in this folder or below it; it holds {holds}. To read other files, name them or a pattern.",
                folder);
        }

        if (others.Count > 0)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{others[0]}: in the Spark output folder {folder} but not a part file (part-*) or hidden (_ or . first){(others.Count > 1 ? $", and {others.Count - 1} more" : "")}. Spark would read it as data too: move it, or name the part files with a pattern."));
        }

        var selected = parts
            .Select(entry => (entry.Name, Partition: HivePartitionPath.Parse(entry.RelativePath, entry.Name)))
            .ToList();
        var first = selected[0];
        foreach (var file in selected)
        {
            if (!file.Partition.Select(column => column.Name).SequenceEqual(first.Partition.Select(column => column.Name), StringComparer.Ordinal))
            {
                throw new InvalidDataException(
                    $"{folder}: conflicting partition folders, as Spark reports: {first.Name} lies under {Describe(first.Partition)} but {file.Name} under {Describe(file.Partition)}.");
            }
        }

        return selected;
    }

    private static string FileName(string relativePath) => relativePath[(relativePath.LastIndexOf('/') + 1)..];

    private static string Describe(List<(string Name, string RawValue)> partition) =>
        partition.Count == 0 ? "no partition folder" : "the columns (" + string.Join(", ", partition.Select(column => column.Name)) + ")";
}
