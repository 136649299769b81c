using System.IO.Compression;
using System.Text;

namespace SchemaGen.Cli.Tests.Commands;

/// <summary>A file that is no TFRecord at all: TensorFlow's <c>corrupted record at 0</c>, then what it means.</summary>
public class NotTfRecordTests
{
    // A PNG's signature and the start of its IHDR chunk; the first 8 bytes read little-endian are 0x0a1a0a0d474e5089.
    private static readonly byte[] PngStart = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];

    [Theory]
    [InlineData("count")]
    [InlineData("cat")]
    [InlineData("schema")]
    [InlineData("index")]
    public void A_png_is_one_error_line_saying_it_is_not_a_TFRecord_file(string command)
    {
        using var temp = new TempDirectory();
        string png = temp.File("x.png");
        File.WriteAllBytes(png, PngStart);

        var result = Schemagen.Run(command, png);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"{png}: corrupted record at 0 (not a TFRecord file: first record length 0x0a1a0a0d474e5089 fails its CRC)\n", result.Error);
    }

    [Fact]
    public void Verify_reports_it_like_damage_and_goes_on()
    {
        using var temp = new TempDirectory();
        string png = temp.File("x.png");
        File.WriteAllBytes(png, PngStart);

        var result = Schemagen.Run("verify", png, InteropFiles.Path(InteropRecords.PwnallSingles));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"{png}: corrupted record at 0 (not a TFRecord file: first record length 0x0a1a0a0d474e5089 fails its CRC)\n", result.Out);
    }

    [Fact]
    public void A_gzip_file_of_something_else_says_so_after_decompression()
    {
        // "hello wo" read as a little-endian length: 0x6f77206f6c6c6568.
        using var temp = new TempDirectory();
        string text = temp.File("notes.txt.gz");
        using (var gzip = new GZipStream(File.Create(text), CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.ASCII.GetBytes("hello world, this is text\n"));
        }

        var result = Schemagen.Run("count", text);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"{text}: corrupted record at 0 (not a TFRecord file: first record length 0x6f77206f6c6c6568 (after GZIP decompression) fails its CRC)\n", result.Error);
    }

    [Fact]
    public void A_bad_length_further_on_keeps_TensorFlow_s_words_alone()
    {
        // pytorch example.tfrecord: record 2 starts at 255 (MANIFEST).
        using var temp = new TempDirectory();
        var damaged = Damage.FlipByte(temp, InteropRecords.PytorchExample, 255);

        var result = Schemagen.Run("count", damaged);

        Assert.Equal($"{damaged}: corrupted record at 255\n", result.Error);
    }
}
