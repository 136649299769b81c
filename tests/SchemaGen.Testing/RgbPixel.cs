namespace SchemaGen.Testing;

/// <summary>One RGB pixel of a <see cref="PngPicture"/>.</summary>
/// <param name="R">Red.</param>
/// <param name="G">Green.</param>
/// <param name="B">Blue.</param>
public readonly record struct RgbPixel(byte R, byte G, byte B);
