namespace SchemaGen.Conversion.Output;

/// <summary>
/// One feature as dataset_info.json describes it: the <c>tf.io</c> parse spec (dtype, FixedLen kind, shape) and, for
/// images, how the bytes decode (<c>decode_raw</c> to uint8 of <c>RawDecodeShape</c>, or <c>decode_png</c>/<c>decode_jpeg</c>).
/// </summary>
internal sealed record DatasetFeature(string Key, string Dtype, string Kind, int[] Shape, string? ImageEncoding = null, int[]? DecodedShape = null,
    string? PixelOrder = null, int? ClassCount = null);
