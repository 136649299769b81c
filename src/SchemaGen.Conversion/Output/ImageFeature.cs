namespace SchemaGen.Conversion.Output;

/// <summary>
/// How an image feature's bytes decode, which the parse spec alone does not say: <c>decode_raw</c> to uint8 of
/// <see cref="Shape"/> in <see cref="PixelOrder"/>, or <c>decode_png</c>/<c>decode_jpeg</c>.
/// </summary>
internal sealed record ImageFeature(string Key, string Encoding, int[]? Shape, string PixelOrder);
