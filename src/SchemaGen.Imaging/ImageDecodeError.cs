namespace SchemaGen.Imaging;

/// <summary>Why an image could not be decoded (<see cref="ImageDecodeException.Error"/>).</summary>
public enum ImageDecodeError
{
    /// <summary>The bytes are not an image of a format the decoder reads (or are empty).</summary>
    UnknownFormat,

    /// <summary>A format the decoder reads, with a feature it does not (say a 12-bit or arithmetic-coded JPEG).</summary>
    Unsupported,

    /// <summary>The data is malformed: a bad header, marker, chunk or entropy-coded segment.</summary>
    Corrupt,

    /// <summary>The data ends before the image does. TensorFlow's <c>decode_jpeg</c> fails on this too (its
    /// <c>try_recover_truncated=False</c>); libjpeg-turbo alone would fill the rest with grey.</summary>
    Truncated,

    /// <summary>The header declares more pixels than <see cref="ImageDecoderOptions.MaxPixels"/>; nothing was allocated.</summary>
    TooManyPixels,
}
