namespace SchemaGen.Imaging;

/// <summary>Display names of the formats for messages.</summary>
internal static class ImageFormats
{
    public static string Name(EncodedImageFormat format) => format switch
    {
        EncodedImageFormat.Jpeg => "JPEG",
        EncodedImageFormat.Png => "PNG",
        EncodedImageFormat.Gif => "GIF",
        EncodedImageFormat.Bmp => "BMP",
        _ => "WebP",
    };
}
