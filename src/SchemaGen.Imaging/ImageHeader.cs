namespace SchemaGen.Imaging;

/// <summary>What an encoded image's header declares, read without decoding a pixel (<see cref="ImageDecoder.ReadHeader"/>).</summary>
/// <param name="Format">The container format.</param>
/// <param name="Width">Pixels per row, as declared.</param>
/// <param name="Height">Rows, as declared.</param>
/// <param name="ColorType">The colour model stored.</param>
public readonly record struct ImageHeader(EncodedImageFormat Format, int Width, int Height, ImageColorType ColorType)
{
    /// <summary>Width times height.</summary>
    public long PixelCount => (long)Width * Height;
}
