using System.IO.Compression;
using System.Text;

namespace SchemaGen.Runtime.Tests.Records;

/// <summary>
/// Input whose first 12 bytes cannot be a record header: TensorFlow's <c>corrupted record at 0</c>, and the reader
/// says what that most likely means.
/// </summary>
public class NotTfRecordTests
{
    // A PNG's signature and the start of its IHDR chunk; the first 8 bytes read little-endian are 0x0a1a0a0d474e5089.
    private static readonly byte[] PngStart = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];

    [Fact]
    public void A_png_is_corrupted_at_0_and_not_a_TFRecord_file_by_its_first_length()
    {
        using var directory = new TempDirectory();
        string path = directory.File("x.png");
        File.WriteAllBytes(path, PngStart);

        using var reader = new TfRecordReader(path);
        var error = Assert.Throws<TfRecordException>(() => reader.TryReadNext(out _));

        Assert.Equal(TfRecordDamageKind.Corrupted, error.Kind);
        Assert.Equal(0, error.Offset);
        Assert.True(error.IsNotTfRecord);
        Assert.Equal("not a TFRecord file: first record length 0x0a1a0a0d474e5089 fails its CRC", error.Detail);
        Assert.Equal($"corrupted record at 0 in {path}: not a TFRecord file: first record length 0x0a1a0a0d474e5089 fails its CRC", error.Message);
    }

    [Theory]
    [InlineData(TfRecordCompression.Gzip, "GZIP")]
    [InlineData(TfRecordCompression.Zlib, "ZLIB")]
    public void Compressed_data_that_is_no_TFRecord_says_so_after_decompression(TfRecordCompression compression, string name)
    {
        // "hello wo" little-endian: 0x6f77206f6c6c6568.
        var compressed = new MemoryStream();
        using (Stream stream = compression == TfRecordCompression.Gzip
                   ? new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true)
                   : new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            stream.Write(Encoding.ASCII.GetBytes("hello world, this is text\n"));
        }

        using var reader = new TfRecordReader(new MemoryStream(compressed.ToArray()), displayName: "notes.txt.gz");
        var error = Assert.Throws<TfRecordException>(() => reader.TryReadNext(out _));

        Assert.Equal(compression, reader.Compression);
        Assert.True(error.IsNotTfRecord);
        Assert.Equal(
            $"corrupted record at 0 in notes.txt.gz: not a TFRecord file: first record length 0x6f77206f6c6c6568 (after {name} decompression) fails its CRC",
            error.Message);
    }

    [Fact]
    public void A_bad_length_further_on_is_damage_not_another_format()
    {
        byte[] file = Framing.Frame(Framing.Payload(10, 1), Framing.Payload(20, 2));
        file[26 + 3] ^= 0x10; // the second record's length (the first takes 10 + 16 bytes)

        using var reader = new TfRecordReader(new MemoryStream(file));
        Assert.True(reader.TryReadNext(out _));
        var error = Assert.Throws<TfRecordException>(() => reader.TryReadNext(out _));

        Assert.Equal(TfRecordDamageKind.Corrupted, error.Kind);
        Assert.Equal(26, error.Offset);
        Assert.False(error.IsNotTfRecord);
        Assert.Equal("the length does not match its checksum", error.Detail);
    }

    [Fact]
    public void Input_shorter_than_a_header_is_a_truncation_as_TensorFlow_says()
    {
        using var reader = new TfRecordReader(new MemoryStream(PngStart[..5]));
        var error = Assert.Throws<TfRecordException>(() => reader.TryReadNext(out _));

        Assert.Equal(TfRecordDamageKind.Truncated, error.Kind);
        Assert.Equal(0, error.Offset);
        Assert.False(error.IsNotTfRecord);
    }
}
