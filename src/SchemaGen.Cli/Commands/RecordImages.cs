using System.Globalization;
using System.Text;
using System.Text.Json;
using SchemaGen.Augmentation;
using SchemaGen.Cli.Images;
using SchemaGen.Examples;
using SchemaGen.Imaging;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// Reads the image, label and boxes of each record back into pictures, in any layout of <see cref="ImageLayouts"/>:
/// encoded images are decoded (JPEG, PNG and what else the image library reads), raw ones shaped from the
/// dataset_info.json beside the files (as <c>convert</c> writes it: class names, shape, pixel order) or from the
/// record's <c>image/height</c>, <c>image/width</c> and <c>image/channels</c>.
/// </summary>
internal sealed class RecordImages
{
    private readonly PictureCodec _codec = new();
    private int[]? _rawShape;
    private bool _bgr;

    public string[]? ClassNames { get; private set; }

    public static RecordImages For(string file)
    {
        var images = new RecordImages();
        string info = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, "dataset_info.json");
        if (File.Exists(info))
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(info));
            var root = json.RootElement;
            if (root.TryGetProperty("class_names", out var names) && names.TryGetProperty("label", out var labels))
            {
                images.ClassNames = labels.EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
            }

            if (root.TryGetProperty("images", out var imageFeatures) && imageFeatures.TryGetProperty("image", out var image)
                && image.GetProperty("encoding").GetString() == "raw" && image.GetProperty("shape") is { ValueKind: JsonValueKind.Array } shape)
            {
                images._rawShape = shape.EnumerateArray().Select(e => e.GetInt32()).ToArray();
                images._bgr = image.GetProperty("pixel_order").GetString() == "bgr";
            }
        }

        return images;
    }

    /// <summary>Each record of <paramref name="file"/> as a picture with its label and boxes.</summary>
    public IEnumerable<RecordImage> Read(string file)
    {
        using var reader = new TfRecordReader(file);
        while (reader.TryReadNext(out var record))
        {
            yield return Decode(record.Span, file, reader.RecordOffset);
        }
    }

    private RecordImage Decode(ReadOnlySpan<byte> record, string file, long offset)
    {
        var example = new ExampleReader(record);
        string where = string.Create(CultureInfo.InvariantCulture, $"{file}: record at {offset}");
        string? key = null;
        ReadOnlySpan<byte> bytes = default;
        foreach (string candidate in ImageLayouts.ImageKeys)
        {
            if (example.TryGetFeature(candidate, out var feature) && feature.Kind != FeatureKind.None)
            {
                if (feature.Kind != FeatureKind.BytesList || feature.Count != 1)
                {
                    throw new CliException($"{where}: feature '{candidate}' should hold one bytes value (an image), but holds {Describe(feature)}");
                }

                key = candidate;
                foreach (var value in feature.EnumerateBytes())
                {
                    bytes = value;
                }

                break;
            }
        }

        if (key is null)
        {
            throw new CliException($"{where} has no image: none of the features {string.Join(", ", ImageLayouts.ImageKeys.Select(k => $"'{k}'"))} (one bytes value) is present");
        }

        if (bytes.IsEmpty)
        {
            throw new CliException($"{where}: feature '{key}' is empty (0 bytes): the record holds no image");
        }

        var (label, labelText) = ReadLabel(example);
        var boxes = ReadBoxes(example, where);
        Picture picture;
        if (ImageLayouts.SniffFormat(bytes) is not null)
        {
            try
            {
                picture = _codec.Decode(bytes);
            }
            catch (ImageDecodeException e)
            {
                throw new CliException($"{where}: feature '{key}' ({Declared(example)}{bytes.Length} bytes) does not decode: {e.Message}", e);
            }
        }
        else
        {
            picture = Raw(bytes, example, where, key);
        }

        return new RecordImage(picture, label, labelText, boxes);
    }

    private static (long Label, string? Text) ReadLabel(ExampleReader example)
    {
        long label = -1;
        foreach (string key in ImageLayouts.LabelKeys)
        {
            if (TryFirstInt64(example, key, out label))
            {
                break;
            }
        }

        string? text = FirstString(example, ImageLayouts.LabelTextKey);
        if (label < 0 && TryFirstInt64(example, ImageLayouts.ObjectLabelKey, out label))
        {
            text = FirstString(example, ImageLayouts.ObjectTextKey);
        }

        return (label, string.IsNullOrEmpty(text) ? null : text);
    }

    // Object Detection boxes: one value per object in each of ymin, xmin, ymax and xmax.
    private static BoundingBox[] ReadBoxes(ExampleReader example, string where)
    {
        string[] sides = ["ymin", "xmin", "ymax", "xmax"];
        var values = new float[4][];
        for (int i = 0; i < 4; i++)
        {
            if (!example.TryGetFeature(ImageLayouts.BoxPrefix + sides[i], out var feature) || feature.Kind != FeatureKind.FloatList)
            {
                return [];
            }

            values[i] = feature.ToFloatArray();
        }

        if (values.Any(v => v.Length != values[0].Length))
        {
            throw new CliException(
                $"{where}: the boxes' features hold different numbers of values ({string.Join(", ", sides.Select((s, i) => $"{ImageLayouts.BoxPrefix}{s}: {values[i].Length}"))})");
        }

        return [.. Enumerable.Range(0, values[0].Length).Select(i => new BoundingBox(values[0][i], values[1][i], values[2][i], values[3][i]))];
    }

    // Raw HWC: the shape from dataset_info.json, else the record's own height/width/channels, else a square RGB image
    // (CIFAR's 3072 bytes is 32x32x3).
    private Picture Raw(ReadOnlySpan<byte> bytes, ExampleReader example, string where, string key)
    {
        int height, width, channels = 3;
        if (_rawShape is [int h, int w, 3] && h * w * 3 == bytes.Length)
        {
            (height, width) = (h, w);
        }
        else if (RecordShape(example, bytes.Length) is (int rh, int rw, int rc))
        {
            (height, width, channels) = (rh, rw, rc);
        }
        else
        {
            int side = (int)Math.Round(Math.Sqrt(bytes.Length / 3.0));
            if (side * side * 3 != bytes.Length || side == 0)
            {
                throw new CliException(
                    $"{where}: feature '{key}' holds {bytes.Length} bytes that are not an image file ({Declared(example)}not JPEG, PNG, GIF, BMP or WebP) nor a square RGB image, and neither dataset_info.json nor the record's image/height and image/width give a raw shape");
            }

            (height, width) = (side, side);
        }

        var rgb = new byte[height * width * 3];
        for (int i = 0; i < height * width; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                rgb[(i * 3) + c] = bytes[(i * channels) + (channels == 1 ? 0 : _bgr ? 2 - c : c)];
            }
        }

        return new Picture(width, height, rgb);
    }

    // The record's image/height and image/width (and image/channels, else what the length implies) when they fit.
    private static (int Height, int Width, int Channels)? RecordShape(ExampleReader example, int length)
    {
        if (!TryFirstInt64(example, ImageLayouts.HeightKey, out long height) || !TryFirstInt64(example, ImageLayouts.WidthKey, out long width)
            || height <= 0 || width <= 0 || height * width > length)
        {
            return null;
        }

        long channels = TryFirstInt64(example, ImageLayouts.ChannelsKey, out long declared) ? declared : length / (height * width);
        return channels is 1 or 3 && height * width * channels == length ? ((int)height, (int)width, (int)channels) : null;
    }

    // "declared JPEG, " when the record's image/format names one.
    private static string Declared(ExampleReader example) =>
        FirstString(example, ImageLayouts.FormatKey) is { Length: > 0 } format ? $"declared {format}, " : "";

    private static bool TryFirstInt64(ExampleReader example, string key, out long value)
    {
        value = -1;
        if (!example.TryGetFeature(key, out var feature) || feature.Kind != FeatureKind.Int64List || feature.Count == 0)
        {
            return false;
        }

        foreach (long v in feature.EnumerateInt64s())
        {
            value = v;
            break;
        }

        return true;
    }

    private static string? FirstString(ExampleReader example, string key)
    {
        if (!example.TryGetFeature(key, out var feature) || feature.Kind != FeatureKind.BytesList || feature.Count == 0)
        {
            return null;
        }

        foreach (var value in feature.EnumerateBytes())
        {
            return Encoding.UTF8.GetString(value);
        }

        return null;
    }

    private static string Describe(FeatureReader feature) => feature.Kind switch
    {
        FeatureKind.BytesList => $"{feature.Count} bytes values",
        FeatureKind.Int64List => "an int64_list",
        _ => "a float_list",
    };
}
