namespace SchemaGen.Cli.Tests.Commands;

public class IndexCommandTests
{
    [Fact]
    public void Writes_offset_and_framed_size_of_each_record_beside_each_file()
    {
        // MANIFEST payload lengths: example 108/115/118/118, sequence_example 389/584/775/948, singles 24/29/29.
        using var temp = new TempDirectory();
        var example = Copy(temp, InteropRecords.PytorchExample);
        var sequence = Copy(temp, InteropRecords.PytorchSequenceExample);
        var singles = Copy(temp, InteropRecords.PwnallSingles);

        var result = Schemagen.Run("index", example, sequence, singles);

        Assert.Equal("", result.Error);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("0 124\n124 131\n255 134\n389 134\n", File.ReadAllText(example + ".idx"));
        Assert.Equal("0 405\n405 600\n1005 791\n1796 964\n", File.ReadAllText(sequence + ".idx"));
        Assert.Equal("0 40\n40 45\n85 45\n", File.ReadAllText(singles + ".idx"));
    }

    [Fact]
    public void Index_lines_cover_a_large_file_end_to_end()
    {
        using var temp = new TempDirectory();
        var mnist = Copy(temp, InteropRecords.Mnist);

        Assert.Equal(0, Schemagen.Run("index", mnist).ExitCode);

        var entries = File.ReadAllLines(mnist + ".idx").Select(line => line.Split(' ').Select(long.Parse).ToArray()).ToList();
        Assert.Equal(1000, entries.Count);
        Assert.Equal(0, entries[0][0]);
        Assert.Equal(16 + 3187, entries[0][1]); // MANIFEST: record 0's payload is 3187 bytes
        Assert.All(entries.Zip(entries.Skip(1)), pair => Assert.Equal(pair.First[0] + pair.First[1], pair.Second[0]));
        Assert.Equal(new FileInfo(mnist).Length, entries[^1][0] + entries[^1][1]);
    }

    [Fact]
    public void A_compressed_file_has_no_byte_index()
    {
        using var temp = new TempDirectory();
        var gzip = Copy(temp, InteropRecords.PenguinEval);

        var result = Schemagen.Run("index", gzip);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{gzip}: ", result.Error);
        Assert.Contains("compressed", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(gzip + ".idx"));
    }

    [Fact]
    public void A_damaged_file_is_reported_and_gets_no_index()
    {
        using var temp = new TempDirectory();
        var damaged = Damage.Truncate(temp, InteropRecords.PytorchExample, 389 + 5);

        var result = Schemagen.Run("index", damaged);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"{damaged}: truncated record at 389\n", result.Error);
        Assert.False(File.Exists(damaged + ".idx"));
    }

    private static string Copy(TempDirectory temp, string interopPath)
    {
        var copy = temp.File(Path.GetFileName(interopPath));
        File.Copy(InteropFiles.Path(interopPath), copy);
        return copy;
    }
}
