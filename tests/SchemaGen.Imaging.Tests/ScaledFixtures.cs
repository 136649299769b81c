using System.Text.Json;

namespace SchemaGen.Imaging.Tests;

/// <summary>
/// tests/data/images/scaled (written by build/make-jpeg-scaled-fixtures.py): PIL's whole decodes of fixture JPEGs
/// reduced by libjpeg's DCT scaling (<c>Image.draft</c>), listed in scaled.json.
/// </summary>
internal static class ScaledFixtures
{
    public static IReadOnlyList<ScaledFixture> All { get; } = Load();

    /// <summary>jpeg-cmyk-48x32.jpg without its Adobe segment, and its pixels by TensorFlow's plain-CMYK formula.</summary>
    public static ScaledFixture CmykWithoutAdobe { get; } = LoadCmykWithoutAdobe();

    public static ScaledFixture Get(string file, int scale) => All.Single(f => f.File == file && f.Scale == scale);

    private static ScaledFixture LoadCmykWithoutAdobe()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(ImageFixtures.Folder, "scaled", "scaled.json")));
        var e = document.RootElement.GetProperty("cmykWithoutAdobe");
        return new ScaledFixture(e.GetProperty("file").GetString()!, 1, e.GetProperty("width").GetInt32(), e.GetProperty("height").GetInt32(),
            "scaled/" + e.GetProperty("rgb").GetString(), "scaled/" + e.GetProperty("l").GetString());
    }

    private static List<ScaledFixture> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(ImageFixtures.Folder, "scaled", "scaled.json")));
        return document.RootElement.GetProperty("images").EnumerateArray()
            .Select(e => new ScaledFixture(e.GetProperty("file").GetString()!, e.GetProperty("scale").GetInt32(),
                e.GetProperty("width").GetInt32(), e.GetProperty("height").GetInt32(),
                "scaled/" + e.GetProperty("rgb").GetString(), "scaled/" + e.GetProperty("l").GetString()))
            .ToList();
    }
}

/// <summary>One scaled.json entry: a fixture JPEG, the reduction, the reduced size and PIL's pixels (RGB and grey).</summary>
internal sealed record ScaledFixture(string File, int Scale, int Width, int Height, string Rgb, string Grey);
