namespace SchemaGen.Imaging;

/// <summary>An encoded image's container format, as its first bytes identify it (never the file name or a feature).</summary>
public enum EncodedImageFormat
{
    /// <summary>JPEG (JFIF, Exif or Adobe; baseline or progressive; 8-bit).</summary>
    Jpeg,

    /// <summary>PNG (any colour type and bit depth; 16-bit samples are reduced to 8).</summary>
    Png,

    /// <summary>GIF (the first frame).</summary>
    Gif,

    /// <summary>BMP (Windows bitmap).</summary>
    Bmp,

    /// <summary>WebP (lossy or lossless; the first frame).</summary>
    Webp,
}
