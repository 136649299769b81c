namespace SchemaGen.Conversion.Images;

/// <summary>How images are stored in the <c>image</c> feature.</summary>
public enum ImageEncoding
{
    /// <summary>Raw HWC uint8 pixels (<c>tf.io.decode_raw</c> layout): 3072 bytes for a CIFAR image.</summary>
    Raw,

    /// <summary>A PNG file (lossless), as TFDS stores images.</summary>
    Png,

    /// <summary>A JPEG file.</summary>
    Jpeg,
}
