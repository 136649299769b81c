using SchemaGen.Storage;

namespace SchemaGen.Cli.Commands;

/// <summary>Turns what went wrong while reading a file into the one line the user sees: <c>FILE: what, where</c>.</summary>
internal static class FileErrors
{
    /// <summary>Failures that belong to the file being read (missing, unreadable, damaged), not to the program.</summary>
    public static bool IsFileError(Exception exception) =>
        exception is IOException or UnauthorizedAccessException or InvalidDataException;

    public static string Describe(string path, Exception exception) => exception switch
    {
        // TensorFlow's words only; the reader's own message adds the path and a detail that --verbose shows. But a
        // file that is no TFRecord at all gets told so: "corrupted record at 0" alone sends a new user hunting damage.
        TfRecordException { IsNotTfRecord: true } notTfRecord =>
            $"{path}: corrupted record at 0 ({notTfRecord.Detail}{(IndexSidecars.IsIndexPath(path) ? "; " + SidecarHint(path) : "")})",
        TfRecordException { Kind: TfRecordDamageKind.Truncated, Offset: 0 } when IndexSidecars.IsIndexPath(path) =>
            $"{path}: truncated record at 0 ({SidecarHint(path)})",
        TfRecordException { Kind: TfRecordDamageKind.Truncated } damaged => $"{path}: truncated record at {damaged.Offset}",
        TfRecordException { Kind: TfRecordDamageKind.Corrupted } damaged => $"{path}: corrupted record at {damaged.Offset}",
        TfRecordException { Kind: TfRecordDamageKind.TooLong } damaged => $"{path}: record too long at {damaged.Offset}",
        // An object store's errors name the address and say which of bucket, object or credentials is wrong.
        FileNotFoundException or UnauthorizedAccessException or ObjectChangedException when ObjectUri.IsObjectUri(path) => exception.Message,
        IOException when ObjectUri.IsObjectUri(path) && exception.Message.StartsWith(path, StringComparison.Ordinal) => exception.Message,
        FileNotFoundException => $"{path}: no such file",
        DirectoryNotFoundException => $"{path}: no such directory",
        UnauthorizedAccessException when Directory.Exists(path) => $"{path}: is a directory",
        UnauthorizedAccessException => $"{path}: permission denied",
        // A codec refused by the file's name, or a Spark folder's own complaint: the message names the file already.
        InvalidDataException when exception.Message.StartsWith(path, StringComparison.Ordinal) => exception.Message,
        InvalidDataException => $"{path}: damaged compressed stream: {exception.Message}",
        _ => $"{path}: {exception.Message}",
    };

    public static CliException ToCliException(string path, Exception exception) =>
        new(Describe(path, exception), exception);

    // An index named without its TFRecord file (one named with it is skipped): say what it is and what to name.
    private static string SidecarHint(string path) =>
        $"a .idx file is the index `schemagen index` writes beside a TFRecord file: name {path[..^IndexSidecars.Extension.Length]} instead";
}
