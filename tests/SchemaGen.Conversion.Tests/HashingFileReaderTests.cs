using System.Security.Cryptography;
using SchemaGen.Conversion.Sources;

namespace SchemaGen.Conversion.Tests;

public sealed class HashingFileReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string FileOf(int length, out byte[] bytes)
    {
        bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        string path = _temp.File($"file-{length}");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(1 << 20)]
    [InlineData((3 << 20) + 12345)]
    public async Task Reads_give_the_file_and_the_digest_is_its_sha256(int length)
    {
        string path = FileOf(length, out byte[] expected);
        using var reader = new HashingFileReader(path);

        Assert.Equal(expected.AsSpan(0, Math.Min(2, length)).ToArray(), reader.Peek(2).ToArray());
        var read = new MemoryStream();
        var buffer = new byte[7919];
        int count;
        while ((count = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            read.Write(buffer, 0, count);
        }

        Assert.Equal(expected, read.ToArray());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected)), await reader.Digest);
    }

    [Fact]
    public async Task Read_to_end_after_a_partial_read_still_hashes_the_whole_file()
    {
        string path = FileOf((2 << 20) + 3, out byte[] expected);
        using var reader = new HashingFileReader(path);
        reader.ReadExactly(new byte[100]);

        reader.ReadToEnd();

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected)), await reader.Digest);
        Assert.Equal(0, reader.Read(new byte[10], 0, 10));
    }

    [Fact]
    public async Task A_file_not_read_to_its_end_has_no_digest()
    {
        string path = FileOf((2 << 20) + 3, out _);
        var reader = new HashingFileReader(path);
        reader.ReadExactly(new byte[100]);

        reader.Dispose();

        Assert.Null(await reader.Digest);
    }
}
