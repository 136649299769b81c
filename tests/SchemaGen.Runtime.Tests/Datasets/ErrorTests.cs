using SchemaGen.Datasets;
using SchemaGen.Records;
using SchemaGen.Schema;

namespace SchemaGen.Runtime.Tests.Datasets;

/// <summary>Errors reach the consumer, in order, with the file, the offset and the feature; skip policies end an epoch cleanly.</summary>
public sealed class ErrorTests : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _directory = new();

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_record_that_does_not_parse_fails_its_batch_with_file_offset_and_feature(int threads)
    {
        // File 1's record 6 has no "id": it is record 16 of the dataset, in batch 4 of 4 rows.
        string[] paths = [_directory.File("a.tfrecord"), _directory.File("b.tfrecord")];
        var payloads = new List<byte[]>[] { [], [] };
        for (int i = 0; i < 20; i++)
        {
            var file = payloads[i < 10 ? 0 : 1];
            file.Add(i == 16 ? new CifarImage(new byte[3072], 1).ToByteArray() : new Numbered(i).ToByteArray());
        }

        for (int f = 0; f < 2; f++)
        {
            using var writer = new TfRecordWriter(paths[f]);
            payloads[f].ForEach(p => writer.Write(p));
        }

        long offset = payloads[1].Take(6).Sum(p => p.Length + 16L);
        var batches = ExactlyOnceTests.Parallelize(TfRecordDataset.FromFiles(paths).Batch<Numbered.Batch>(4), threads);

        using var reader = batches.Open();
        for (int i = 0; i < 4; i++)
        {
            Assert.True(reader.MoveNext());
            Assert.Equal(Enumerable.Range(i * 4, 4).Select(n => (long)n), DatasetFiles.IdsOf(reader.Current));
        }

        var error = Assert.Throws<DatasetParseException>(() => reader.MoveNext());
        Assert.Equal(paths[1], error.FilePath);
        Assert.Equal(offset, error.RecordOffset);
        Assert.Equal("id", error.FeatureKey);
        Assert.Equal(ExampleParseErrorKind.MissingFeature, error.Error.Kind);
        Assert.Equal($"Name: {paths[1]}, record at offset {offset}, Feature: id (data type: int64) is required but could not be found.", error.Message);

        // The error is sticky: later batches would not be the ones an uninterrupted run gives.
        Assert.Same(error, Assert.Throws<DatasetParseException>(() => reader.MoveNext()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void A_damaged_file_under_Throw_fails_after_the_batches_read_before_it(int threads)
    {
        var paths = DatasetFiles.Write(_directory, [8, 8, 8]);
        long recordStart = CorruptData(paths[1], record: 3);
        var batches = ExactlyOnceTests.Parallelize(TfRecordDataset.FromFiles(paths).Batch<Numbered.Batch>(4), threads);

        using var reader = batches.Open();
        var ids = new List<long>();
        var error = Assert.Throws<TfRecordException>(() =>
        {
            while (reader.MoveNext())
            {
                ids.AddRange(DatasetFiles.IdsOf(reader.Current));
            }
        });

        Assert.Equal(paths[1], error.FilePath);
        Assert.Equal(recordStart + 12, error.Offset);
        Assert.Equal(TfRecordDamageKind.Corrupted, error.Kind);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i), ids);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task A_damaged_file_under_SkipFile_is_skipped_and_counted_and_the_epoch_ends(int threads)
    {
        var paths = DatasetFiles.Write(_directory, [9, 11, 7]);
        CorruptData(paths[1], record: 4);
        var batches = ExactlyOnceTests.Parallelize(
            TfRecordDataset.FromFiles(paths).WithReaderOptions(new TfRecordReaderOptions { Policy = DamagePolicy.SkipFile })
                .Shuffle(5, seed: 1).Repeat(2).Batch<Numbered.Batch>(4), threads);

        var (perEpoch, skippedFiles, damage) = await Task.Run(() =>
        {
            using var reader = batches.Open();
            var ids = new List<long>[] { [], [] };
            while (reader.MoveNext())
            {
                ids[reader.GetCheckpoint().Epoch].AddRange(DatasetFiles.IdsOf(reader.Current));
            }

            return (ids, reader.SkippedFiles, reader.Damage);
        }).WaitAsync(HangGuard);

        var expected = Enumerable.Range(0, 9).Concat(Enumerable.Range(9, 4)).Concat(Enumerable.Range(20, 7)).Select(i => (long)i);
        Assert.All(perEpoch, ids => Assert.Equal(expected, ids.Order()));
        Assert.Equal(2, skippedFiles);
        Assert.Equal(2, damage.Count);
        Assert.All(damage, d => Assert.Equal(paths[1], d.FilePath));
    }

    [Fact]
    public void A_bad_record_under_SkipRecord_is_skipped_and_counted()
    {
        var paths = DatasetFiles.Write(_directory, [6, 6]);
        CorruptData(paths[0], record: 2);
        var batches = TfRecordDataset.FromFiles(paths).WithReaderOptions(new TfRecordReaderOptions { Policy = DamagePolicy.SkipRecord })
            .Batch<Numbered.Batch>(5).Prefetch(1);

        using var reader = batches.Open();
        var ids = new List<long>();
        while (reader.MoveNext())
        {
            ids.AddRange(DatasetFiles.IdsOf(reader.Current));
        }

        Assert.Equal(Enumerable.Range(0, 12).Where(i => i != 2).Select(i => (long)i), ids);
        Assert.Equal(1, reader.SkippedRecords);
        Assert.Equal(0, reader.SkippedFiles);
    }

    [Fact]
    public void A_truncated_file_under_SkipFile_ends_that_file_in_a_global_shuffle()
    {
        var paths = DatasetFiles.Write(_directory, [5, 5]);
        TfRecordIndex.Write(TfRecordIndex.PathFor(paths[1]), TfRecordIndex.Build(paths[1]));
        using (var file = new FileStream(paths[1], FileMode.Open))
        {
            file.SetLength(file.Length - 3);
        }

        var ids = DatasetFiles.Flatten(DatasetFiles.Ids(TfRecordDataset.FromFiles(paths)
            .WithReaderOptions(new TfRecordReaderOptions { Policy = DamagePolicy.SkipFile })
            .ShuffleGlobally(seed: 1).Batch<Numbered.Batch>(3)));

        Assert.Equal(Enumerable.Range(0, 9).Select(i => (long)i), ids.Order());
    }

    [Fact]
    public void A_missing_file_or_a_pattern_that_matches_nothing_is_reported()
    {
        Assert.Throws<FileNotFoundException>(() => TfRecordDataset.FromFiles(_directory.File("none.tfrecord")));
        Assert.Throws<FileNotFoundException>(() => TfRecordDataset.FromFiles(_directory.File("none-*.tfrecord")));
    }

    public void Dispose() => _directory.Dispose();

    // Flips a bit in record `record`'s data (its data checksum no longer matches); returns the record's start.
    private static long CorruptData(string path, int record)
    {
        var bytes = File.ReadAllBytes(path);
        long start = 0;
        for (int i = 0; i < record; i++)
        {
            start += (long)BitConverter.ToUInt64(bytes, (int)start) + 16;
        }

        bytes[start + 12] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        return start;
    }
}
