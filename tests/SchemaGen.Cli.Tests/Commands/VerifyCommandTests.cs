using System.IO.Compression;

namespace SchemaGen.Cli.Tests.Commands;

public class VerifyCommandTests
{
    // pytorch example.tfrecord: payloads of 108, 115, 118 and 118 bytes (MANIFEST), so records start at 0, 124, 255, 389.
    private const string Example = InteropRecords.PytorchExample;

    [Fact]
    public void Every_interop_file_is_sound()
    {
        var paths = InteropRecords.All.Select(file => InteropFiles.Path(file.Path)).ToArray();

        var result = Schemagen.Run(["verify", .. paths]);

        Assert.Equal("", result.Error);
        Assert.Equal($"OK: {paths.Length} files, {InteropRecords.All.Sum(file => file.Records)} records\n", result.Out);
        Assert.Equal(0, result.ExitCode);
    }

    [Theory]
    [InlineData(124 + 12 + 5, "corrupted record at 136")] // a data byte of record 1: offset of its data
    [InlineData(124 + 12 + 115 + 2, "corrupted record at 136")] // record 1's data CRC
    [InlineData(255 + 9, "corrupted record at 255")] // record 2's length CRC: offset of the record
    [InlineData(255 + 0, "corrupted record at 255")] // record 2's length itself
    public void A_flipped_byte_is_reported_where_TensorFlow_reports_it(long offset, string expected)
    {
        using var temp = new TempDirectory();
        var damaged = Damage.FlipByte(temp, Example, offset);

        var result = Schemagen.Run("verify", damaged);

        Assert.Equal($"{damaged}: {expected}\n", result.Out);
        Assert.Equal("", result.Error);
        Assert.Equal(1, result.ExitCode);
    }

    [Theory]
    [InlineData(523 - 1)] // inside the last data CRC
    [InlineData(389 + 12 + 50)] // inside the last record's data
    [InlineData(389 + 5)] // inside the last record's length
    public void A_cut_file_is_reported_as_truncated_at_the_start_of_the_cut_record(long length)
    {
        using var temp = new TempDirectory();
        var damaged = Damage.Truncate(temp, Example, length);

        var result = Schemagen.Run("verify", damaged);

        Assert.Equal($"{damaged}: truncated record at 389\n", result.Out);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void Each_damaged_file_gets_one_line_and_sound_files_none()
    {
        using var temp = new TempDirectory();
        var flipped = Damage.FlipByte(temp, Example, 124 + 12 + 5);
        var truncated = Damage.Truncate(temp, Example, 389 + 5);
        var sound = InteropFiles.Path(InteropRecords.PwnallSingles);

        var result = Schemagen.Run("verify", flipped, sound, truncated);

        Assert.Equal(
            [$"{flipped}: corrupted record at 136", $"{truncated}: truncated record at 389"],
            result.OutLines);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void Damage_inside_a_gzip_file_is_reported_at_its_offset_in_the_decompressed_stream()
    {
        // Penguin eval: 100 records whose payloads are all 136 bytes (MANIFEST: record 0 is 136, the stream 15200 = 100 * 152).
        using var temp = new TempDirectory();
        var plain = Decompress(InteropFiles.Path(InteropRecords.PenguinEval));
        Assert.Equal(15200, plain.Length);
        plain[(3 * 152) + 12 + 40] ^= 0x01;
        var damaged = temp.File("damaged.gz");
        using (var gzip = new GZipStream(File.Create(damaged), CompressionLevel.Optimal))
        {
            gzip.Write(plain);
        }

        var result = Schemagen.Run("verify", damaged);

        Assert.Equal($"{damaged}: corrupted record at {(3 * 152) + 12}\n", result.Out);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void A_gzip_file_cut_where_a_record_ends_is_reported_as_truncated_there()
    {
        // The penguin records again, flushed after the 40th so the compressed file can be cut exactly where it ends:
        // the decompressor then ends quietly after 40 whole records, which must not pass for a whole file.
        using var temp = new TempDirectory();
        var plain = Decompress(InteropFiles.Path(InteropRecords.PenguinEval));
        var output = new MemoryStream();
        long cut;
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(plain.AsSpan(0, 40 * 152));
            gzip.Flush();
            cut = output.Length;
            gzip.Write(plain.AsSpan(40 * 152));
        }

        var damaged = temp.File("cut.gz");
        File.WriteAllBytes(damaged, output.ToArray()[..(int)cut]);

        var result = Schemagen.Run("verify", damaged);

        Assert.StartsWith($"{damaged}: truncated record at {40 * 152}", result.Out, StringComparison.Ordinal);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void A_missing_file_is_reported_like_damage_and_the_rest_still_checked()
    {
        using var temp = new TempDirectory();
        var missing = temp.File("missing.tfrecord");
        var truncated = Damage.Truncate(temp, Example, 389 + 5);

        var result = Schemagen.Run("verify", missing, truncated);

        Assert.Equal([$"{missing}: no such file", $"{truncated}: truncated record at 389"], result.OutLines);
        Assert.Equal(1, result.ExitCode);
    }

    private static byte[] Decompress(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }
}
