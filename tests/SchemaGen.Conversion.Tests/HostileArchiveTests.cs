using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using SchemaGen.Testing.Fixtures;

namespace SchemaGen.Conversion.Tests;

/// <summary>
/// Archives crafted as an attacker or a damaged disk would make them: each ends in a <see cref="DatasetFormatException"/>
/// naming the archive (and the member or offset), never in another exception, and allocates nothing for a size the
/// input cannot hold; member names never become paths.
/// </summary>
public sealed class HostileArchiveTests : IDisposable
{
    private const int SizeField = 124;
    private const int ChecksumField = 148;
    private const int TypeField = 156;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private DatasetFormatException Fails(string input) =>
        Assert.Throws<DatasetFormatException>(() => Converter.Convert(DatasetFormat.Cifar10, input, _temp.File("out")));

    [Fact]
    public void A_base_256_size_field_is_a_corrupt_archive()
    {
        // 0x80 then eleven 0xFF: base-256 for a size near 2^88, which System.Formats.Tar cannot hold in a long.
        var tar = PlainTar(("cifar-10-batches-py/data_batch_1", new byte[100]));
        tar[SizeField] = 0x80;
        tar.AsSpan(SizeField + 1, 11).Fill(0xFF);
        Rechecksum(tar, 0);
        string archive = Write("cifar-10-python.tar", tar);

        var error = Fails(archive);

        Assert.Equal(DatasetProblem.CorruptArchive, error.Problem);
        Assert.StartsWith("cifar-10-python.tar: not a readable tar archive: the entry header at or after byte 0", error.Message);
    }

    [Fact]
    public void A_sparse_file_entry_is_a_corrupt_archive_naming_the_member_before_it()
    {
        // The first member is one the converter skips, so no parse of it races the header error.
        var tar = PlainTar(("cifar-10-batches-py/readme.html", new byte[10]), ("cifar-10-batches-py/data_batch_1", new byte[10]));
        // The second entry's header follows the first's header and its one padded data block.
        const int second = 1024;
        Assert.Equal((byte)'0', tar[second + TypeField]);
        tar[second + TypeField] = (byte)'S';
        Rechecksum(tar, second);
        string archive = Write("cifar-10-python.tar", tar);

        var error = Fails(archive);

        Assert.Equal(DatasetProblem.CorruptArchive, error.Problem);
        Assert.Contains("after member 'cifar-10-batches-py/readme.html'", error.Message);
        Assert.Contains("SparseFile", error.Message);
    }

    [Fact]
    public void A_member_larger_than_the_archive_can_hold_is_refused_before_it_is_allocated()
    {
        // A 268 MB member declared in an archive of a few hundred bytes (the mutated cifar-10-python.tar.gz).
        var tar = PlainTar(("cifar-10-batches-py/data_batch_1", new byte[100]));
        Encoding.ASCII.GetBytes("01777777777\0").CopyTo(tar, SizeField);
        Rechecksum(tar, 0);
        string archive = _temp.File("cifar-10-python.tar.gz");
        using (var file = File.Create(archive))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            gzip.Write(tar);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Fails(archive);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(DatasetProblem.TruncatedBatch, error.Problem);
        Assert.StartsWith("cifar-10-python.tar.gz!cifar-10-batches-py/data_batch_1: truncated: the member declares 268435455 bytes", error.Message);
        Assert.True(allocated < 64 << 20, $"allocated {allocated} bytes for a member the archive cannot hold");
    }

    [Fact]
    public void A_member_cut_short_names_the_member()
    {
        var tar = PlainTar(("cifar-10-batches-py/data_batch_1", new byte[5000]));
        string archive = Write("cifar-10-python.tar", tar[..3000]);

        var error = Fails(archive);

        Assert.StartsWith("cifar-10-python.tar!cifar-10-batches-py/data_batch_1: truncated", error.Message);
    }

    [Fact]
    public void Member_names_that_climb_out_of_the_archive_never_become_paths()
    {
        // Members named with .. and an absolute path are read as data by their last segment; nothing is written
        // anywhere but the output folder.
        var train = CifarFixtures.TrainBatches(2);
        var members = CifarFixtures.Cifar10Python(train, Batch.Random(2, 99, 10))
            .Select((m, i) => (i % 2 == 0 ? "../../escaped/" + m.Name : "/abs/" + m.Name, m.Content))
            .ToArray();
        string archive = _temp.File("in/cifar-10-python.tar");
        Directory.CreateDirectory(Path.GetDirectoryName(archive)!);
        using (var file = File.Create(archive))
        {
            CifarFixtures.WriteTar(file, members);
        }

        string output = _temp.File("in/out");
        Converter.Convert(DatasetFormat.Cifar10, archive, output);

        Assert.Equal(["cifar-10-python.tar", "out"], Directory.EnumerateFileSystemEntries(_temp.File("in")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(_temp.File("escaped")));
        Assert.All(Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories), f => Assert.Equal(output, Path.GetDirectoryName(f)));
    }

    private static byte[] PlainTar(params (string Name, byte[] Content)[] members)
    {
        using var stream = new MemoryStream();
        using (var tar = new TarWriter(stream, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, content) in members)
            {
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), ModificationTime = DateTimeOffset.UnixEpoch });
            }
        }

        return stream.ToArray();
    }

    // The ustar checksum: the header's bytes summed with the checksum field read as spaces, in octal.
    private static void Rechecksum(byte[] tar, int header)
    {
        var block = tar.AsSpan(header, 512);
        block.Slice(ChecksumField, 8).Fill((byte)' ');
        int sum = 0;
        foreach (byte b in block)
        {
            sum += b;
        }

        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(block[ChecksumField..]);
    }

    private string Write(string name, byte[] bytes)
    {
        string path = _temp.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
