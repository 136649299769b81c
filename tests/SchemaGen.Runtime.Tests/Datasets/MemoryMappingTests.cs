using SchemaGen.Datasets;
using SchemaGen.Records;

namespace SchemaGen.Runtime.Tests.Datasets;

/// <summary>
/// Plain files are read through mappings by default: the batches, damage counts and errors are those of reading
/// through buffers, the mapping is really used, and it goes when the last record from it is parsed.
/// </summary>
public sealed class MemoryMappingTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Theory]
    [InlineData(0, DamagePolicy.SkipRecord)]
    [InlineData(2, DamagePolicy.SkipRecord)]
    [InlineData(0, DamagePolicy.SkipFile)]
    [InlineData(2, DamagePolicy.SkipFile)]
    public void Mapped_and_buffered_reads_give_the_same_batches_and_damage(int threads, DamagePolicy policy)
    {
        var paths = DatasetFiles.Write(_directory, [40, 33, 51, 7]);
        FlipBit(paths[2], 777);
        var dataset = TfRecordDataset.FromFiles(paths).WithReaderOptions(new TfRecordReaderOptions { Policy = policy })
            .ShuffleFiles(seed: 4).Interleave(cycleLength: 3).Shuffle(25, seed: 5).Repeat(3);

        var mapped = Read(ExactlyOnceTests.Parallelize(dataset.Batch<Numbered.Batch>(8), threads));
        var buffered = Read(ExactlyOnceTests.Parallelize(dataset.WithMemoryMapping(false).Batch<Numbered.Batch>(8), threads));

        Assert.Equal(buffered.Batches, mapped.Batches);
        Assert.Equal(buffered.Damage, mapped.Damage);
        Assert.NotEmpty(mapped.Damage);
    }

    [Theory]
    [InlineData(0, DamagePolicy.Throw)]
    [InlineData(2, DamagePolicy.SkipRecord)]
    [InlineData(2, DamagePolicy.SkipFile)]
    public void A_global_shuffle_reads_mapped_files_by_offset_as_it_reads_buffered_ones(int threads, DamagePolicy policy)
    {
        // The index sidecars describe the files as written; then one bit of the middle file goes bad.
        var paths = DatasetFiles.Write(_directory, [30, 45, 25]);
        foreach (string path in paths)
        {
            TfRecordIndex.Write(TfRecordIndex.PathFor(path), TfRecordIndex.Build(path));
        }

        FlipBit(paths[1], 555);

        var dataset = TfRecordDataset.FromFiles(paths).WithReaderOptions(new TfRecordReaderOptions { Policy = policy })
            .ShuffleGlobally(seed: 9).Repeat(2);

        object Outcome(TfRecordDataset d)
        {
            try
            {
                return Read(ExactlyOnceTests.Parallelize(d.Batch<Numbered.Batch>(7), threads));
            }
            catch (TfRecordException e)
            {
                return e.Message;
            }
        }

        var mapped = Outcome(dataset);
        var buffered = Outcome(dataset.WithMemoryMapping(false));
        if (mapped is (List<long[]> mappedBatches, List<string> mappedDamage) && buffered is (List<long[]> bufferedBatches, List<string> bufferedDamage))
        {
            Assert.Equal(bufferedBatches, mappedBatches);
            Assert.Equal(bufferedDamage, mappedDamage);
        }
        else
        {
            Assert.Equal(buffered, mapped);
            Assert.Contains("corrupted record at", Assert.IsType<string>(mapped));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void A_damaged_mapped_file_fails_with_the_same_error_as_a_buffered_one(int threads)
    {
        // Under Throw the parse workers verify a mapped record's data checksum: the failure is the reader's.
        var paths = DatasetFiles.Write(_directory, [20]);
        FlipBit(paths[0], 300);
        var dataset = TfRecordDataset.FromFiles(paths);

        string Error(TfRecordDataset d) =>
            Assert.Throws<TfRecordException>(() => DatasetFiles.Ids(ExactlyOnceTests.Parallelize(d.Batch<Numbered.Batch>(4), threads))).Message;

        Assert.Equal(Error(dataset.WithMemoryMapping(false)), Error(dataset));
        Assert.Contains("corrupted record at", Error(dataset));
    }

    [Fact]
    public void The_file_is_mapped_once_for_every_epoch_and_unmapped_when_the_reader_is_disposed()
    {
        Assert.True(OperatingSystem.IsLinux(), "This check reads the process's mappings from /proc/self/maps.");
        var paths = DatasetFiles.Write(_directory, [300]);
        var batches = TfRecordDataset.FromFiles(paths).Shuffle(50, seed: 1).Repeat(3).Batch<Numbered.Batch>(10).Prefetch(2).WithMaxDegreeOfParallelism(2);
        int Mappings() => File.ReadLines("/proc/self/maps").Count(line => line.EndsWith(paths[0], StringComparison.Ordinal));

        using (var reader = batches.Open())
        {
            Assert.True(reader.MoveNext());
            Assert.Equal(1, Mappings());
            while (reader.MoveNext())
            {
                Assert.Equal(1, Mappings());
            }
        }

        Assert.Equal(0, Mappings());

        // Stopped mid-epoch, with records in the shuffle buffer and batches in flight.
        using (var reader = batches.Open())
        {
            Assert.True(reader.MoveNext());
        }

        Assert.Equal(0, Mappings());
    }

    public void Dispose() => _directory.Dispose();

    private static (List<long[]> Batches, List<string> Damage) Read(BatchDataset<Numbered.Batch> batches)
    {
        using var reader = batches.Open();
        var ids = new List<long[]>();
        while (reader.MoveNext())
        {
            ids.Add(DatasetFiles.IdsOf(reader.Current));
        }

        return (ids, [.. reader.Damage.Select(d => $"{d.FilePath} {d.Message}"), $"skipped {reader.SkippedRecords} records, {reader.SkippedFiles} files"]);
    }

    private static void FlipBit(string path, int offset)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[offset] ^= 0x10;
        File.WriteAllBytes(path, bytes);
    }
}
