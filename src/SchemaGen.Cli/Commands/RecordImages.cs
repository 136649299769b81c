using System.Text.Json;
using SchemaGen.Conversion.Images;
using SchemaGen.Examples;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// Reads the <c>image</c> and <c>label</c> features of converted records back into pictures, using the
/// dataset_info.json beside the files (class names, raw shape, pixel order) when there is one.
/// </summary>
internal sealed class RecordImages
{
    private readonly ImageCodec _codec = new();
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

    /// <summary>Each record of <paramref name="file"/> as (image, label); the caller disposes the images.</summary>
    public IEnumerable<(Image<Rgb24> Image, long Label)> Read(string file)
    {
        using var reader = new TfRecordReader(file);
        while (reader.TryReadNext(out var record))
        {
            yield return Decode(record.Span, file, reader.RecordOffset);
        }
    }

    private (Image<Rgb24>, long) Decode(ReadOnlySpan<byte> record, string file, long offset)
    {
        var example = new ExampleReader(record);
        if (!example.TryGetFeature("image"u8, out var imageFeature) || imageFeature.Kind != FeatureKind.BytesList || imageFeature.Count != 1)
        {
            throw new CliException($"{file}: record at {offset} has no single bytes feature 'image'");
        }

        long label = -1;
        if (example.TryGetFeature("label"u8, out var labelFeature) && labelFeature.Kind == FeatureKind.Int64List)
        {
            foreach (long value in labelFeature.EnumerateInt64s())
            {
                label = value;
            }
        }

        ReadOnlySpan<byte> bytes = default;
        foreach (var value in imageFeature.EnumerateBytes())
        {
            bytes = value;
        }

        bool encoded = bytes.Length >= 4 && ((bytes[0] == 0x89 && bytes[1] == (byte)'P') || (bytes[0] == 0xFF && bytes[1] == 0xD8));
        if (encoded)
        {
            try
            {
                return (_codec.Decode(bytes.ToArray()), label);
            }
            catch (InvalidDataException e)
            {
                throw new CliException($"{file}: record at {offset}: {e.Message}", e);
            }
        }

        // Raw HWC: the shape from dataset_info.json, else a square RGB image (CIFAR's 3072 bytes is 32x32x3).
        int height, width;
        if (_rawShape is [int h, int w, 3] && h * w * 3 == bytes.Length)
        {
            (height, width) = (h, w);
        }
        else
        {
            int side = (int)Math.Round(Math.Sqrt(bytes.Length / 3.0));
            if (side * side * 3 != bytes.Length || side == 0)
            {
                throw new CliException($"{file}: record at {offset}: {bytes.Length} raw image bytes are not a square RGB image and no dataset_info.json gives the shape");
            }

            (height, width) = (side, side);
        }

        var image = _codec.FromRgb(bytes, width, height);
        if (_bgr)
        {
            image.ProcessPixelRows(rows =>
            {
                for (int y = 0; y < rows.Height; y++)
                {
                    foreach (ref var pixel in rows.GetRowSpan(y))
                    {
                        (pixel.R, pixel.B) = (pixel.B, pixel.R);
                    }
                }
            });
        }

        return (image, label);
    }
}
