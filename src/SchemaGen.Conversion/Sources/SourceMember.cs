namespace SchemaGen.Conversion.Sources;

/// <summary>One file of a source: a member of an archive or a file under a directory.</summary>
/// <param name="Path">The path inside the archive or directory, with <c>/</c> separators.</param>
/// <param name="Name">The last segment of <paramref name="Path"/>.</param>
/// <param name="DisplayName">How messages name it: <c>archive.tar.gz!member</c> or the file path.</param>
/// <param name="Length">Its length in bytes.</param>
internal readonly record struct SourceMember(string Path, string Name, string DisplayName, long Length);
