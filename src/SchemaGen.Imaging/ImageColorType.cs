namespace SchemaGen.Imaging;

/// <summary>The colour model the encoded image stores, before the decoder turns it into 1 or 3 channels.</summary>
public enum ImageColorType
{
    /// <summary>One grey channel (a greyscale JPEG, PNG colour type 0).</summary>
    Grey,

    /// <summary>Grey and alpha (PNG colour type 4).</summary>
    GreyAlpha,

    /// <summary>Three colour channels (a YCbCr or RGB JPEG, PNG colour type 2, an opaque BMP or WebP).</summary>
    Rgb,

    /// <summary>Colour and alpha (PNG colour type 6, a BMP or WebP with alpha).</summary>
    Rgba,

    /// <summary>Indexed colours (PNG colour type 3, GIF); the palette may carry transparency.</summary>
    Palette,

    /// <summary>Four ink channels: a CMYK or YCCK (Adobe) JPEG.</summary>
    Cmyk,
}
