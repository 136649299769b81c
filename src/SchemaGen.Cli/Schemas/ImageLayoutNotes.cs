using SchemaGen.Cli.Images;

namespace SchemaGen.Cli.Schemas;

/// <summary>
/// What <c>schema</c> says of the encoded-image layouts it recognises (<see cref="ImageLayouts"/>): which bytes features
/// hold image files, and which layout the keys follow, as comments above the declaration.
/// </summary>
internal static class ImageLayoutNotes
{
    private static readonly string[] BoxSides = ["ymin", "xmin", "ymax", "xmax"];

    /// <param name="features">The features observed, by key.</param>
    /// <param name="memberName">The declared member of a key, or null when it was left out.</param>
    public static IEnumerable<string> For(IReadOnlyDictionary<string, ObservedFeature> features, Func<string, string?> memberName)
    {
        foreach (var feature in features.Values.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (feature.Kind == Examples.FeatureKind.BytesList && feature.AllImages && feature.ImageFormats.Count > 0 && memberName(feature.Key) is string member)
            {
                string empty = feature.EmptyValues == 0 ? "" : $" ({feature.EmptyValues} empty {(feature.EmptyValues == 1 ? "value" : "values")})";
                yield return $"\"{feature.Key}\" holds encoded images ({string.Join(", ", feature.ImageFormats)}){empty}: "
                    + $"decode them on the dataset's workers with SchemaGen.Imaging's DecodeImages(b => b.{member}, …).";
            }
        }

        bool Has(string key) => features.ContainsKey(key);
        bool IsImage(string key) => features.TryGetValue(key, out var f) && f.AllImages && f.ImageFormats.Count > 0;
        if (IsImage("image/encoded") && Has("image/class/label"))
        {
            yield return "The keys follow TF-slim's ImageNet layout (tf_cnn_benchmarks): image/encoded, image/format, image/class/label.";
        }

        if (BoxSides.All(side => Has(ImageLayouts.BoxPrefix + side)))
        {
            yield return "image/object/bbox/ymin, xmin, ymax and xmax are the TF Object Detection API's boxes, relative to the image (0 to 1), one value per object.";
        }

        if (IsImage("image") && Has("label"))
        {
            yield return "The keys follow the TFDS image layout (image, label), as `schemagen convert --encoding png|jpeg` writes it.";
        }
    }
}
