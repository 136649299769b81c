namespace SchemaGen.Cli.Images;

/// <summary>One pixel's colour.</summary>
internal readonly record struct Rgb(byte R, byte G, byte B);
