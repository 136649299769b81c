namespace SchemaGen.Cli.Images;

/// <summary>
/// The feature keys of the encoded-image layouts people keep in TFRecord files, in the order they are looked for:
/// the ImageNet layout of TF-slim and tf_cnn_benchmarks (<c>image/encoded</c>, <c>image/format</c>,
/// <c>image/class/label</c>, <c>image/class/text</c>), the TF Object Detection API's (the same image keys,
/// <c>image/object/bbox/*</c> boxes and <c>image/object/class/*</c>), TFDS's (<c>image</c>, <c>label</c>) and
/// <c>schemagen convert</c>'s (<c>image</c>, raw or encoded, and <c>label</c>).
/// </summary>
internal static class ImageLayouts
{
    /// <summary>Where the image is: one bytes value, encoded (or raw HWC for <c>image</c>).</summary>
    public static readonly string[] ImageKeys = ["image/encoded", "image"];

    /// <summary>The image's format as its writer named it (<c>JPEG</c>, <c>png</c>, <c>RAW</c>…); the bytes decide.</summary>
    public const string FormatKey = "image/format";

    /// <summary>The record's class: one int64, in the first key present.</summary>
    public static readonly string[] LabelKeys = ["image/class/label", "label"];

    /// <summary>The classes of the record's objects (Object Detection): the first is shown when there is no class label.</summary>
    public const string ObjectLabelKey = "image/object/class/label";

    /// <summary>The class's name stored in the record (TF-slim writes the synset's words there).</summary>
    public const string LabelTextKey = "image/class/text";

    /// <summary>The names of the record's objects' classes (Object Detection).</summary>
    public const string ObjectTextKey = "image/object/class/text";

    /// <summary>The raw image's shape, when a layout stores raw pixels with it.</summary>
    public const string HeightKey = "image/height";

    /// <summary>See <see cref="HeightKey"/>.</summary>
    public const string WidthKey = "image/width";

    /// <summary>See <see cref="HeightKey"/>.</summary>
    public const string ChannelsKey = "image/channels";

    /// <summary>The objects' boxes, relative to the image, one value per object in each.</summary>
    public const string BoxPrefix = "image/object/bbox/";

    /// <summary>Whether the bytes start like an image file the decoder reads: JPEG, PNG, GIF, BMP or WebP.</summary>
    public static string? SniffFormat(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "JPEG",
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "PNG",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => "GIF",
        [(byte)'B', (byte)'M', ..] when bytes.Length >= 26 => "BMP",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "WebP",
        _ => null,
    };
}
