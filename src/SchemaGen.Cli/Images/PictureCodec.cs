using SchemaGen.Conversion.Images;

namespace SchemaGen.Cli.Images;

/// <summary>
/// The one place the CLI decodes and encodes image files: JPEG, PNG and the other formats the image library reads
/// become RGB (grey and CMYK converted, alpha dropped, EXIF orientation ignored as TensorFlow does), and pictures
/// are written as PNG or JPEG. The header is checked against a pixel limit before anything is allocated for it.
/// </summary>
internal sealed class PictureCodec
{
    private readonly ImageCodec _codec = new();

    /// <summary>Decodes an encoded image to RGB.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an image the library reads, or are over the limit.</exception>
    public Picture Decode(ReadOnlySpan<byte> encoded)
    {
        using var image = _codec.Decode(encoded.ToArray());
        var rgb = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(rgb);
        return new Picture(image.Width, image.Height, rgb);
    }

    /// <summary>Writes a picture as PNG or JPEG.</summary>
    public void Encode(Picture picture, PictureFormat format, Stream output)
    {
        using var image = _codec.FromRgb(picture.Rgb, picture.Width, picture.Height);
        _codec.Encode(image, format == PictureFormat.Jpeg ? ImageEncoding.Jpeg : ImageEncoding.Png, output);
    }
}
