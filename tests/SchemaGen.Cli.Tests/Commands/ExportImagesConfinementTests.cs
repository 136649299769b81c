using System.Text.Json.Nodes;
using Google.Protobuf;
using SchemaGen.Protos;

namespace SchemaGen.Cli.Tests.Commands;

/// <summary>
/// Class names from dataset_info.json (which a crafted CIFAR archive's label_names reach through convert) never
/// steer export-images outside OUTDIR: each becomes one escaped folder inside it.
/// </summary>
public sealed class ExportImagesConfinementTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Hostile_class_names_become_folders_inside_OUTDIR()
    {
        string absolute = _temp.File("absolute-target");
        string[] classNames = ["../escaped", absolute, "..", "CON", "", "a/b"];
        string data = _temp.File("data");
        Directory.CreateDirectory(data);
        string records = Path.Combine(data, "train.tfrecord");
        using (var writer = new TfRecordWriter(records))
        {
            for (int label = 0; label < classNames.Length; label++)
            {
                writer.Write(RawImage(label).ToByteArray());
            }
        }

        var info = new JsonObject { ["class_names"] = new JsonObject { ["label"] = new JsonArray([.. classNames.Select(n => JsonValue.Create(n))]) } };
        File.WriteAllText(Path.Combine(data, "dataset_info.json"), info.ToJsonString());
        string output = _temp.File("nested/out");

        var export = Schemagen.Run("export-images", records, output);

        Assert.Equal(0, export.ExitCode);
        Assert.False(Directory.Exists(_temp.File("nested/escaped")));
        Assert.False(Directory.Exists(absolute));
        Assert.Equal(["nested/out"], Directory.EnumerateDirectories(_temp.File("nested")).Select(d => Path.GetRelativePath(_temp.FullPath, d)));
        string[] expectedFolders = ["..%2Fescaped", SafeFileNameOf(absolute), ".%2E", "%43ON", "%", "a%2Fb"];
        Assert.Equal(expectedFolders.Order(StringComparer.Ordinal), Directory.EnumerateDirectories(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        for (int label = 0; label < classNames.Length; label++)
        {
            Assert.Equal([$"{label}.png"], Directory.GetFiles(Path.Combine(output, expectedFolders[label])).Select(Path.GetFileName));
        }
    }

    // An absolute path keeps its characters but its separators (and a drive's colon) are escaped.
    private static string SafeFileNameOf(string absolute) =>
        absolute.Replace("%", "%25", StringComparison.Ordinal).Replace("/", "%2F", StringComparison.Ordinal)
            .Replace("\\", "%5C", StringComparison.Ordinal).Replace(":", "%3A", StringComparison.Ordinal);

    // An 8x8 RGB image stored raw (192 bytes: a square the exporter reads without a shape) and its label.
    private static Example RawImage(int label)
    {
        var pixels = new byte[8 * 8 * 3];
        new Random(label).NextBytes(pixels);
        var example = new Example { Features = new Features() };
        example.Features.Feature["image"] = new Feature { BytesList = new BytesList { Value = { ByteString.CopyFrom(pixels) } } };
        example.Features.Feature["label"] = new Feature { Int64List = new Int64List { Value = { label } } };
        return example;
    }
}
