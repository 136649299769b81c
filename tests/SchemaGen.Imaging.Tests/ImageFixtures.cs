using System.IO.Compression;
using System.Text.Json;

namespace SchemaGen.Imaging.Tests;

/// <summary>
/// tests/data/images (written by build/make-image-fixtures.py): encoded images and PIL/libjpeg-turbo's decoded pixels
/// as the reference, listed in manifest.json.
/// </summary>
internal static class ImageFixtures
{
    public static string Folder { get; } = Repository.Path("tests/data/images");

    public static IReadOnlyList<ImageFixture> All { get; } = Load();

    public static ImageFixture Get(string file) => All.Single(f => f.File == file);

    public static TheoryData<string> Where(Func<ImageFixture, bool> predicate)
    {
        var data = new TheoryData<string>();
        foreach (var fixture in All.Where(predicate))
        {
            data.Add(fixture.File);
        }

        return data;
    }

    public static byte[] Read(string relative) => File.ReadAllBytes(Path.Combine(Folder, relative));

    public static byte[] Gunzip(string relative)
    {
        using var input = new GZipStream(File.OpenRead(Path.Combine(Folder, relative)), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static List<ImageFixture> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "manifest.json")));
        var fixtures = new List<ImageFixture>();
        foreach (var image in document.RootElement.GetProperty("images").EnumerateArray())
        {
            string? Text(string name) => image.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            int Number(string name) => image.TryGetProperty(name, out var value) ? value.GetInt32() : 0;
            fixtures.Add(new ImageFixture(Text("file")!, Text("format"), Text("colorType"), Number("width"), Number("height"),
                Text("rgb"), Text("l"), Text("u16"), Text("error")));
        }

        return fixtures;
    }
}

/// <summary>One manifest entry.</summary>
internal sealed record ImageFixture(string File, string? Format, string? ColorType, int Width, int Height, string? Rgb, string? Grey, string? U16, string? Error)
{
    public byte[] Bytes => ImageFixtures.Read(File);

    public bool IsJpeg => Format == "Jpeg";
}
