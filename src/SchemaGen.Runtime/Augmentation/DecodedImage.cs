namespace SchemaGen.Augmentation;

/// <summary>Where one image of a <see cref="DecodedImageBatch"/> lies and what of it is resized to the output.</summary>
/// <param name="Offset">The index of its first value in <see cref="DecodedImageBatch.Pixels"/>.</param>
/// <param name="Height">Decoded rows.</param>
/// <param name="Width">Decoded pixels per row.</param>
/// <param name="Region">The part resized to the output, in these decoded pixels' coordinates.</param>
public readonly record struct DecodedImage(int Offset, int Height, int Width, SourceRegion Region);
