using SchemaGen.Imaging;

namespace SchemaGen.Cli.Images;

/// <summary>
/// The one place the CLI decodes and encodes image files, through SchemaGen.Imaging (SkiaSharp: libjpeg-turbo,
/// libpng): JPEG, PNG, GIF, BMP and WebP become RGB as TensorFlow's <c>decode_image(channels=3)</c> gives them (grey
/// and CMYK converted, alpha dropped, EXIF orientation ignored), after the header is checked against the pixel limit;
/// pictures are written as PNG or JPEG (quality 95).
/// </summary>
internal sealed class PictureCodec
{
    private readonly ImageDecoder _decoder = new();

    /// <summary>Decodes an encoded image to RGB.</summary>
    /// <exception cref="ImageDecodeException">The bytes are not an image the decoder reads, are damaged, or are over the limit.</exception>
    public Picture Decode(ReadOnlySpan<byte> encoded)
    {
        byte[] rgb = _decoder.Decode(encoded, out var header);
        return new Picture(header.Width, header.Height, rgb);
    }

    /// <summary>Writes a picture as PNG or JPEG.</summary>
    public static void Encode(Picture picture, PictureFormat format, Stream output)
    {
        if (format == PictureFormat.Jpeg)
        {
            ImageEncoder.EncodeJpeg(picture.Rgb, picture.Height, picture.Width, 3, quality: 95, output);
        }
        else
        {
            ImageEncoder.EncodePng(picture.Rgb, picture.Height, picture.Width, 3, output);
        }
    }
}
