
namespace SchemaGen.Cli.Tests.Commands;

/// <summary>
/// A glob such as <c>train.tfrecord-*</c> also matches the <c>.idx</c> beside each file: every command that takes
/// FILE... skips <c>X.idx</c> when <c>X</c> is named too, with one note on stderr; an index named alone is an error that
/// says what it is.
/// </summary>
public sealed class IndexSidecarTests : IDisposable
{
    // pytorch example.tfrecord: 4 records of 108, 115, 118 and 118 bytes; pwnall singles.tfrecords: 3 (MANIFEST).
    private const string ExampleIndex = "0 124\n124 131\n255 134\n389 134\n";
    private const string SinglesIndex = "0 40\n40 45\n85 45\n";

    private readonly TempDirectory _temp = new();
    private readonly string _example;
    private readonly string _singles;

    public IndexSidecarTests()
    {
        _example = Copy(InteropRecords.PytorchExample);
        _singles = Copy(InteropRecords.PwnallSingles);
        File.WriteAllText(_example + ".idx", ExampleIndex);
        File.WriteAllText(_singles + ".idx", SinglesIndex);
    }

    // What `ls dir/*` gives: each file, then its index.
    private string[] Glob => [_example, _example + ".idx", _singles, _singles + ".idx"];

    private string TwoSkippedNote => $"schemagen: note: skipped 2 .idx files, the indexes of TFRecord files also named: {_example}.idx and 1 more\n";

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Count_skips_the_indexes_of_named_files_with_one_note()
    {
        var result = Schemagen.Run(["count", .. Glob]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"4\t{_example}\n3\t{_singles}\n7\ttotal\n", result.Out);
        Assert.Equal(TwoSkippedNote, result.Error);
    }

    [Fact]
    public void One_skipped_index_is_named_in_the_note()
    {
        var result = Schemagen.Run("count", _example, _example + ".idx");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"4\t{_example}\n4\ttotal\n", result.Out);
        Assert.Equal($"schemagen: note: skipped {_example}.idx: it is the index of {_example}, also named\n", result.Error);
    }

    [Fact]
    public void An_index_named_before_its_file_or_by_another_spelling_of_the_path_is_skipped_too()
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, _example);

        var result = Schemagen.Run("count", _example + ".idx", relative);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"4\t{relative}\n4\ttotal\n", result.Out);
        Assert.StartsWith($"schemagen: note: skipped {_example}.idx: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_counts_only_the_TFRecord_files()
    {
        var result = Schemagen.Run(["verify", .. Glob]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("OK: 2 files, 7 records\n", result.Out);
        Assert.Equal(TwoSkippedNote, result.Error);
    }

    [Fact]
    public void Index_rewrites_the_indexes_and_indexes_no_index()
    {
        var result = Schemagen.Run(["index", .. Glob]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"4\t{_example}.idx\n3\t{_singles}.idx\n", result.Out);
        Assert.Equal(TwoSkippedNote, result.Error);
        Assert.Equal(ExampleIndex, File.ReadAllText(_example + ".idx"));
        Assert.False(File.Exists(_example + ".idx.idx"));
    }

    [Fact]
    public void Schema_infers_from_the_TFRecord_files_alone()
    {
        var alone = Schemagen.Run("schema", _example);

        var result = Schemagen.Run("schema", _example, _example + ".idx");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(alone.Out, result.Out);
        Assert.Equal($"schemagen: note: skipped {_example}.idx: it is the index of {_example}, also named\n", result.Error);
    }

    [Fact]
    public void Preview_and_export_images_take_a_converted_folder_by_glob()
    {
        string images = Path.Combine(_temp.FullPath, "images");
        for (int i = 0; i < 4; i++)
        {
            string path = Path.Combine(images, i % 2 == 0 ? "cat" : "dog", $"{i}.png");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            PngPicture.Save(path, PngPicture.Filled(8, 8, new RgbPixel((byte)(40 * i), 0, 0)), 8, 8);
        }

        string data = Path.Combine(_temp.FullPath, "data");
        Assert.Equal(0, Schemagen.Run("convert", images, data, "--shards", "2", "--index").ExitCode);
        string[] glob = Directory.GetFiles(data, "train.tfrecord-*").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(4, glob.Length); // two shards and their indexes

        var preview = Schemagen.Run(["preview", .. glob, "--out", Path.Combine(_temp.FullPath, "grid.png")]);
        var export = Schemagen.Run(["export-images", .. glob, Path.Combine(_temp.FullPath, "exported")]);

        string note = $"schemagen: note: skipped 2 .idx files, the indexes of TFRecord files also named: {glob[1]} and 1 more\n";
        Assert.Equal((0, "wrote " + Path.Combine(_temp.FullPath, "grid.png") + " (4 images)\n", note), (preview.ExitCode, preview.Out, preview.Error));
        Assert.Equal((0, "wrote 4 images to " + Path.Combine(_temp.FullPath, "exported") + "\n", note), (export.ExitCode, export.Out, export.Error));
    }

    [Fact]
    public void An_index_named_without_its_file_is_an_error_that_says_what_it_is()
    {
        // The first 8 bytes, "0 124\n12", read as a little-endian length: 0x32310a3432312030.
        var result = Schemagen.Run("count", _example + ".idx");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"{_example}.idx: corrupted record at 0 (not a TFRecord file: first record length 0x32310a3432312030 fails its CRC; "
            + $"a .idx file is the index `schemagen index` writes beside a TFRecord file: name {_example} instead)\n",
            result.Error);
    }

    [Fact]
    public void An_index_shorter_than_a_record_header_named_alone_says_what_it_is_too()
    {
        string small = _temp.File("one.tfrecord.idx");
        File.WriteAllText(small, "0 40\n");

        var result = Schemagen.Run("verify", small);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"{small}: truncated record at 0 (a .idx file is the index `schemagen index` writes beside a TFRecord file: name {_temp.File("one.tfrecord")} instead)\n",
            result.Out);
    }

    private string Copy(string interopPath)
    {
        var copy = _temp.File(Path.GetFileName(interopPath));
        File.Copy(InteropFiles.Path(interopPath), copy);
        return copy;
    }
}
