using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace SchemaGen.Cli.Tests.Commands;

/// <summary>
/// <c>schemagen convert --msbuild</c>, what the build task reads: a summary line per split and the files written, or
/// one canonical <c>FILE: error SCHEMA1xx: message</c> line and exit code 1.
/// </summary>
public sealed class ConvertMSBuildModeTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Archive => Fixtures.Path("cifar-10-python-mini.tar.gz");

    [Fact]
    public void A_conversion_prints_each_split_and_every_file_it_wrote()
    {
        string output = _temp.File("out");
        var result = Schemagen.Run("convert", "--msbuild", Archive, output, "--shards", "2", "--index");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Matches(@"^train: 1000 records, 3\.\d MB, \d+\.\d\d s$", result.OutLines[0]);
        Assert.Matches(@"^test: 200 records, 0\.\d MB, \d+\.\d\d s$", result.OutLines[1]);
        string[] listed = [.. result.OutLines.Skip(2).Select(line => line["output: ".Length..])];
        Assert.Equal(Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Contains("train.tfrecord-00001-of-00002.idx", listed);
        Assert.Equal("dataset_info.json", listed[^1]);
    }

    [Fact]
    public void A_missing_input_is_SCHEMA101_on_its_path()
    {
        string missing = _temp.File("cifar-10-python.tar.gz");
        var result = Schemagen.Run("convert", "--msbuild", missing, _temp.File("out"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"{missing}: error SCHEMA101: the dataset input '{missing}' does not exist\n", result.Error);
    }

    [Fact]
    public void An_input_whose_name_says_no_format_is_SCHEMA102()
    {
        string input = _temp.File("pictures.tar.gz");
        File.Copy(Archive, input);
        var result = Schemagen.Run("convert", "--msbuild", input, _temp.File("out"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{input}: error SCHEMA102: schemagen convert: cannot tell the format from", result.Error);
    }

    [Fact]
    public void A_gzip_stream_that_is_not_a_tar_archive_is_SCHEMA103()
    {
        string input = _temp.File("cifar-10-python.tar.gz");
        using (var gzip = new GZipStream(File.Create(input), CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.ASCII.GetBytes(new string('x', 2000)));
        }

        var result = Schemagen.Run("convert", "--msbuild", input, _temp.File("out"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{input}: error SCHEMA103: cifar-10-python.tar.gz: not a readable tar.gz archive", result.Error);
    }

    [Fact]
    public void An_archive_cut_short_is_SCHEMA104_naming_the_member()
    {
        string input = _temp.File("cifar-10-python.tar.gz");
        byte[] whole = File.ReadAllBytes(Archive);
        File.WriteAllBytes(input, whole[..(whole.Length / 2)]);
        var result = Schemagen.Run("convert", "--msbuild", input, _temp.File("out"));

        Assert.Equal(1, result.ExitCode);
        Assert.Matches($@"^{Regex.Escape(input)}: error SCHEMA104: cifar-10-python\.tar\.gz!cifar-10-batches-py/data_batch_\d: truncated: the archive ends inside this member", result.Error);
        Assert.False(Directory.Exists(_temp.File("out")), "A failed conversion left its output folder.");
    }

    [Fact]
    public void A_binary_batch_that_is_not_whole_records_is_SCHEMA105()
    {
        string input = Directory.CreateDirectory(_temp.File("cifar-10-batches-bin")).FullName;
        File.WriteAllBytes(Path.Combine(input, "data_batch_1.bin"), new byte[3073 * 2 + 5]);
        var result = Schemagen.Run("convert", "--msbuild", "cifar10", input, _temp.File("out"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(": error SCHEMA105: ", result.Error);
        Assert.Contains("6151 bytes is not a whole number of 3073-byte records", result.Error);
    }

    [Fact]
    public void A_pickle_naming_os_system_is_refused_as_SCHEMA106()
    {
        string input = Directory.CreateDirectory(_temp.File("cifar-10-batches-py")).FullName;
        // PROTO 2, GLOBAL os.system, SHORT_BINSTRING 'echo', TUPLE1, REDUCE, STOP: what a hostile "batch" would hold.
        byte[] pickle = [0x80, 0x02, (byte)'c', .. "os\nsystem\n"u8, (byte)'U', 4, .. "echo"u8, 0x85, (byte)'R', (byte)'.'];
        File.WriteAllBytes(Path.Combine(input, "data_batch_1"), pickle);
        var result = Schemagen.Run("convert", "--msbuild", "cifar10", input, _temp.File("out"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(": error SCHEMA106: ", result.Error);
        Assert.Contains("'os.system'", result.Error);
    }

    [Fact]
    public void An_invalid_option_is_SCHEMA108()
    {
        var result = Schemagen.Run("convert", "--msbuild", Archive, _temp.File("out"), "--shards", "0");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{Archive}: error SCHEMA108: ", result.Error);
        Assert.Contains("Shards", result.Error);
    }
}
