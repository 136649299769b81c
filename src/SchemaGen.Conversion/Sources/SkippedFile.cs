namespace SchemaGen.Conversion.Sources;

/// <summary>A file left out by skip-invalid.</summary>
/// <param name="Path">The path relative to the input directory.</param>
/// <param name="Reason">Why it is not a usable image.</param>
public readonly record struct SkippedFile(string Path, string Reason);
