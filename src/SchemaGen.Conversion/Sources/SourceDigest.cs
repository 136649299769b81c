namespace SchemaGen.Conversion.Sources;

/// <summary>The sha256 of one source file, as dataset_info.json records it.</summary>
/// <param name="Path">The file's name: an archive's file name, or a path relative to the input directory.</param>
/// <param name="Sha256">The digest in lowercase hex.</param>
public readonly record struct SourceDigest(string Path, string Sha256);
