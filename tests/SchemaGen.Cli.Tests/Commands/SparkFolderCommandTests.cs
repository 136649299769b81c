using System.Text.Json;
using SchemaGen.Testing.Fixtures;

namespace SchemaGen.Cli.Tests.Commands;

/// <summary>
/// The commands that read datasets take a folder Spark wrote (tests/data/spark, build/make-spark-fixtures.py): its
/// part files in sorted order, hidden files and failed attempts passed over, gzip parts read by their name.
/// </summary>
public class SparkFolderCommandTests
{
    [Fact]
    public void Count_lists_each_part_file_then_the_total()
    {
        string folder = SparkFixtures.Folder("people");
        var files = SparkFixtures.Files("people");
        var records = SparkFixtures.Records("people", "file");

        var result = Schemagen.Run("count", folder);

        Assert.Equal("", result.Error);
        Assert.Equal(0, result.ExitCode);
        var expected = files
            .Select(file => $"{records.Count(r => r == file)}\t{Path.Combine(folder, file.Replace('/', Path.DirectorySeparatorChar))}")
            .Append($"{records.Length}\ttotal");
        Assert.Equal(expected, result.OutLines);
    }

    [Fact]
    public void Verify_and_cat_read_a_gzipped_sequence_example_folder()
    {
        string folder = SparkFixtures.Folder("events");

        Assert.Equal(0, Schemagen.Run("verify", folder).ExitCode);

        var result = Schemagen.Run("cat", folder, "--sequence", "--skip", "1");
        Assert.Equal("", result.Error);
        var ids = result.OutLines.Select(line => JsonDocument.Parse(line).RootElement
            .GetProperty("context").GetProperty("feature").GetProperty("id").GetProperty("int64List").GetProperty("value")[0].GetString());
        Assert.Equal(SparkFixtures.Records("events", "id").Skip(1), ids);
    }

    [Fact]
    public void Schema_infers_from_the_part_files()
    {
        var result = Schemagen.Run("schema", SparkFixtures.Folder("people"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Score", result.Out);
        Assert.Contains("Tags", result.Out);
    }

    [Fact]
    public void A_part_compressed_with_a_codec_tensorflow_cannot_read_is_named_with_the_codec()
    {
        using var temp = new TempDirectory();
        string part = temp.File("part-00000-x-c000.tfrecord.snappy");
        File.WriteAllBytes(part, [1, 2, 3]);

        var result = Schemagen.Run("count", part);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{part}: compressed with Hadoop's SnappyCodec", result.Error);
    }

    [Fact]
    public void A_folder_without_part_files_is_one_error_line_naming_it()
    {
        using var temp = new TempDirectory();
        string folder = temp.File("out");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "_SUCCESS"), []);

        var result = Schemagen.Run("count", folder);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{folder}: no part files", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }
}
