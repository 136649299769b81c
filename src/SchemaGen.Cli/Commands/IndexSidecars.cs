using SchemaGen.Storage;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// The <c>.idx</c> index files among the files a command is given. A shell glob such as <c>train.tfrecord-*</c>
/// matches the index beside each shard too (<c>train.tfrecord-00000-of-00004.idx</c>, which <c>schemagen index</c>,
/// <c>write --index</c> and <c>convert --index</c> write), so <c>X.idx</c> is skipped, with one note for them all,
/// when <c>X</c> is among the files named. An index named without its TFRecord file is read like any file, and fails
/// as one that is not a TFRecord file.
/// </summary>
internal static class IndexSidecars
{
    public const string Extension = ".idx";

    private static readonly StringComparer PathComparer =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    public static bool IsIndexPath(string path) =>
        path.Length > Extension.Length && path.EndsWith(Extension, StringComparison.Ordinal);

    /// <summary>The files without the indexes of other files named; a note on <paramref name="error"/> lists those skipped.</summary>
    public static string[] Skip(string[] files, TextWriter error)
    {
        // The shell expands local patterns; an object pattern (s3://bucket/train-*.tfrecord) is listed here, and a
        // folder Spark wrote (out/, s3://bucket/out/) becomes its part files.
        files = files.SelectMany(ExpandObjectPattern).ToArray();
        if (!files.Any(IsIndexPath))
        {
            return files;
        }

        var named = new HashSet<string>(files.Select(Path.GetFullPath), PathComparer);
        var skipped = files.Where(file => IsIndexPath(file) && named.Contains(Path.GetFullPath(file[..^Extension.Length]))).ToList();
        if (skipped.Count == 0)
        {
            return files;
        }

        error.WriteLine(skipped.Count == 1
            ? $"schemagen: note: skipped {skipped[0]}: it is the index of {skipped[0][..^Extension.Length]}, also named"
            : $"schemagen: note: skipped {skipped.Count} .idx files, the indexes of TFRecord files also named: {skipped[0]} and {skipped.Count - 1} more");
        var skippedSet = new HashSet<string>(skipped, StringComparer.Ordinal);
        return files.Where(file => !skippedSet.Contains(file)).ToArray();
    }

    private static IEnumerable<string> ExpandObjectPattern(string file)
    {
        bool isObject = ObjectUri.IsObjectUri(file);
        bool localFolder = !isObject && Directory.Exists(file);
        if (!localFolder && !isObject)
        {
            return [file];
        }

        try
        {
            // An object address may name an object, a pattern or a folder: the dataset's expansion tells them apart.
            return TfRecordDataset.FromFiles(file).Files;
        }
        catch (Exception exception) when (localFolder && exception is FileNotFoundException or InvalidDataException)
        {
            // The folder's own messages name the folder or the file and say what Spark would do.
            throw new CliException(exception.Message, exception);
        }
        catch (Exception exception) when (FileErrors.IsFileError(exception))
        {
            throw FileErrors.ToCliException(file, exception);
        }
    }
}
