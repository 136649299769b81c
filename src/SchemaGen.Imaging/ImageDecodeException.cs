namespace SchemaGen.Imaging;

/// <summary>
/// An encoded image cannot be decoded: not an image, unsupported, corrupt, truncated, or over the pixel limit. A
/// <see cref="FormatException"/>, as every fault of malformed data in SchemaGen is, so <c>catch (FormatException)</c>
/// and the datasets' damage policies take it; the dataset names the file, record offset and feature around it.
/// </summary>
public sealed class ImageDecodeException : FormatException
{
    /// <summary>Creates an exception.</summary>
    /// <param name="error">Why the image could not be decoded.</param>
    /// <param name="format">The format, when the header identified one.</param>
    /// <param name="detail">What was wrong, in words (the message after the format).</param>
    /// <param name="innerException">The cause, if any.</param>
    public ImageDecodeException(ImageDecodeError error, EncodedImageFormat? format, string detail, Exception? innerException = null)
        : base(FormatMessage(format, detail), innerException)
    {
        Error = error;
        Format = format;
    }

    /// <summary>Why the image could not be decoded.</summary>
    public ImageDecodeError Error { get; }

    /// <summary>The format its header identified, or null when the bytes are no known image format.</summary>
    public EncodedImageFormat? Format { get; }

    private static string FormatMessage(EncodedImageFormat? format, string detail) =>
        format is { } known ? $"{ImageFormats.Name(known)} image: {detail}" : detail;
}
