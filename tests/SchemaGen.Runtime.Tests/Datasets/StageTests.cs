using SchemaGen.Augmentation;
using SchemaGen.Datasets;

namespace SchemaGen.Runtime.Tests.Datasets;

/// <summary>
/// A stage from outside the library (the public <see cref="IBatchStage{TBatch, TOutput}"/>): it sees each batch's
/// position, and the rows it rejects follow the damage policy, with exactly-once and determinism kept.
/// </summary>
public sealed class StageTests : IDisposable
{
    // 3 files of 10, 10 and 5 records: ids 0..24 in order.
    private static readonly int[] Counts = [10, 10, 5];
    private readonly TempDirectory _directory = new();
    private readonly string[] _paths;

    public StageTests() => _paths = DatasetFiles.Write(_directory, Counts);

    public void Dispose() => _directory.Dispose();

    public static TheoryData<int> Threads() => [ExactlyOnceTests.Default, 0, 1, 3];

    [Theory]
    [MemberData(nameof(Threads))]
    public void The_stage_sees_each_batch_with_its_epoch_and_the_index_of_its_first_row(int threads)
    {
        var batches = ExactlyOnceTests.Parallelize(TfRecordDataset.FromFiles(_paths).Repeat(2).Batch<Numbered.Batch>(4), threads);

        var seen = new List<(long Epoch, long FirstRow, int Rows, long[] Ids)>();
        foreach (var (batch, output) in batches.WithStage(new RejectingStage(_ => false)))
        {
            seen.Add((output.Epoch, output.FirstRow, output.Rows, DatasetFiles.IdsOf(batch)));
        }

        // 25 records in batches of 4: 7 batches per epoch, the last of 1 row.
        var expected = Enumerable.Range(0, 2).SelectMany(epoch => Enumerable.Range(0, 7).Select(b =>
            (Epoch: (long)epoch, FirstRow: b * 4L, Ids: Enumerable.Range(b * 4, Math.Min(4, 25 - (b * 4))).Select(i => (long)i).ToArray()))).ToList();
        Assert.Equal(expected.Select(e => (e.Epoch, e.FirstRow, e.Ids.Length)), seen.Select(s => (s.Epoch, s.FirstRow, s.Rows)));
        Assert.Equal(expected.Select(e => e.Ids), seen.Select(s => s.Ids));
    }

    [Theory]
    [MemberData(nameof(Threads))]
    public void A_rejected_row_under_Throw_fails_its_batch_naming_the_file_the_record_offset_and_the_feature(int threads)
    {
        // Id 13 is record 3 of file 1, in batch 3 of 4 rows (ids 12..15); ids 14 and 13 are rejected, 14 first.
        long offset = Enumerable.Range(10, 3).Sum(id => new Numbered(id).ToByteArray().Length + 16L);
        var batches = ExactlyOnceTests.Parallelize(TfRecordDataset.FromFiles(_paths).Batch<Numbered.Batch>(4), threads)
            .WithStage(new RejectingStage(id => id is 13 or 14, rejectInReverse: true));

        using var reader = batches.Open();
        for (int i = 0; i < 3; i++)
        {
            Assert.True(reader.MoveNext());
        }

        var error = Assert.Throws<TfRecordException>(() => reader.MoveNext());
        Assert.Equal(_paths[1], error.FilePath);
        Assert.Equal(offset, error.Offset);
        Assert.Equal("id", error.FeatureKey);
        Assert.Equal(TfRecordDamageKind.Corrupted, error.Kind);
        Assert.Equal($"corrupted record at {offset} in {_paths[1]}: feature 'id' of the record: id 13 is not wanted", error.Message);
        Assert.IsType<InvalidDataException>(error.InnerException);
        Assert.Same(error, Assert.Throws<TfRecordException>(() => reader.MoveNext()));
    }

    public static TheoryData<int, DamagePolicy> ThreadsAndSkipPolicies()
    {
        var data = new TheoryData<int, DamagePolicy>();
        foreach (int threads in Threads())
        {
            data.Add(threads, DamagePolicy.SkipRecord);
        }

        data.Add(2, DamagePolicy.SkipFile);
        return data;
    }

    [Theory]
    [MemberData(nameof(ThreadsAndSkipPolicies))]
    public void Rejected_rows_under_a_skip_policy_are_left_out_counted_and_listed_and_the_rest_come_once_per_epoch(int threads, DamagePolicy policy)
    {
        static bool Rejected(long id) => id % 7 == 3; // 3, 10, 17, 24: one per file but the last has two
        var dataset = TfRecordDataset.FromFiles(_paths).WithReaderOptions(new TfRecordReaderOptions { Policy = policy })
            .ShuffleFiles(seed: 2).Interleave(2).Shuffle(6, seed: 3).Repeat(3);
        var batches = ExactlyOnceTests.Parallelize(dataset.Batch<Numbered.Batch>(5), threads);

        var perEpoch = Enumerable.Range(0, 3).Select(_ => new List<long>()).ToArray();
        var outputs = new List<long[]>();
        using var reader = batches.WithStage(new RejectingStage(Rejected)).Open();
        while (reader.MoveNext())
        {
            var (batch, output) = reader.Current;
            long[] ids = DatasetFiles.IdsOf(batch);
            Assert.Equal(ids, output.Ids); // the stage ran again on the shorter batch: its output is the batch's
            perEpoch[reader.GetCheckpoint().Epoch].AddRange(ids);
            outputs.Add(ids);
        }

        long[] kept = [.. Enumerable.Range(0, 25).Where(id => !Rejected(id)).Select(id => (long)id)];
        Assert.All(perEpoch, ids => Assert.Equal(kept, ids.Order()));
        Assert.Equal(3 * 4, reader.Reader.SkippedRecords);
        Assert.Equal(3 * 4, reader.Reader.Damage.Count);
        Assert.All(reader.Reader.Damage, damage => Assert.Equal("id", damage.FeatureKey));

        // Each listed record is where the rejected ids are: file and offset, 4 distinct ones each epoch.
        var where = new Dictionary<(string, long), long>();
        for (int id = 0, file = 0, offset = 0, inFile = 0; id < 25; id++, inFile++)
        {
            if (inFile == Counts[file])
            {
                (file, offset, inFile) = (file + 1, 0, 0);
            }

            where[(_paths[file], offset)] = id;
            offset += new Numbered(id).ToByteArray().Length + 16;
        }

        var listed = reader.Reader.Damage.Select(d => where[(d.FilePath!, d.Offset)]).ToArray();
        Assert.All(listed, id => Assert.True(Rejected(id)));
        Assert.All(listed.Chunk(4), epoch => Assert.Equal([3L, 10, 17, 24], epoch.Order()));

        // The same batches, in the same order, as with one thread in the consumer's.
        var inline = dataset.Batch<Numbered.Batch>(5).Prefetch(0).WithMaxDegreeOfParallelism(1).WithStage(new RejectingStage(Rejected));
        var expected = new List<long[]>();
        foreach (var (batch, _) in inline)
        {
            expected.Add(DatasetFiles.IdsOf(batch));
        }

        Assert.Equal(expected, outputs);
    }

    [Theory]
    [MemberData(nameof(Threads))]
    public void A_batch_that_loses_every_row_is_not_handed_out_and_checkpoints_still_resume_exactly(int threads)
    {
        // Batch 1 of each epoch (ids 4..7) is rejected whole; batch 3 (12..15) loses one row.
        static bool Rejected(long id) => id is >= 4 and < 8 or 13;
        var dataset = TfRecordDataset.FromFiles(_paths).WithReaderOptions(new TfRecordReaderOptions { Policy = DamagePolicy.SkipRecord }).Repeat(2);
        var batches = ExactlyOnceTests.Parallelize(dataset.Batch<Numbered.Batch>(4), threads).WithStage(new RejectingStage(Rejected));

        var all = new List<(long Epoch, long Next, long[] Ids)>();
        var checkpoints = new List<DatasetCheckpoint>();
        using (var reader = batches.Open())
        {
            while (reader.MoveNext())
            {
                var checkpoint = reader.GetCheckpoint();
                checkpoints.Add(checkpoint);
                all.Add((checkpoint.Epoch, checkpoint.BatchInEpoch, DatasetFiles.IdsOf(reader.Current.Batch)));
            }

            Assert.Equal(2 * 5, reader.Reader.SkippedRecords);
        }

        // 7 batches per epoch, batch 1 not handed out: the checkpoint after batch 0 is 1, after batch 2 it is 3.
        Assert.Equal([1L, 3, 4, 5, 6, 7], all.Where(b => b.Epoch == 0).Select(b => b.Next));
        Assert.Equal([0L, 1, 2, 3], all[0].Ids);
        Assert.Equal([8L, 9, 10, 11], all[1].Ids);
        Assert.Equal([12L, 14, 15], all[2].Ids);

        // Resuming after any batch gives exactly the batches that followed it.
        for (int i = 0; i < checkpoints.Count; i++)
        {
            using var resumed = batches.Open(checkpoints[i]);
            var rest = new List<long[]>();
            while (resumed.MoveNext())
            {
                rest.Add(DatasetFiles.IdsOf(resumed.Current.Batch));
            }

            Assert.Equal(all.Skip(i + 1).Select(b => b.Ids), rest);
        }
    }

    [Fact]
    public void A_stage_that_rejects_a_row_the_batch_does_not_have_fails_the_batch()
    {
        var batches = TfRecordDataset.FromFiles(_paths).Batch<Numbered.Batch>(4).WithStage(new RejectingStage(_ => false, rejectRow: 4));

        using var reader = batches.Open();
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.MoveNext());
    }

    /// <summary>What the test stage wrote for a batch: what its context said and the ids it kept.</summary>
    private sealed class StageOutput(int capacity)
    {
        public long Epoch { get; set; }

        public long FirstRow { get; set; }

        public int Rows { get; set; }

        public long[] Ids { get; set; } = new long[capacity];
    }

    /// <summary>Copies each batch's ids and rejects those <paramref name="reject"/> picks, as an image decoder rejects bad images.</summary>
    private sealed class RejectingStage(Func<long, bool> reject, bool rejectInReverse = false, int rejectRow = -1) : IBatchStage<Numbered.Batch, StageOutput>
    {
        public StageOutput CreateOutput(int capacity) => new(capacity);

        public void Run(Numbered.Batch batch, StageOutput output, BatchStageContext context)
        {
            (output.Epoch, output.FirstRow, output.Rows) = (context.Epoch, context.FirstRow, context.Rows);
            Assert.Equal(batch.Count, context.Rows);
            output.Ids = DatasetFiles.IdsOf(batch);
            if (rejectRow >= 0)
            {
                context.RejectRow(rejectRow, "id", "out of range");
            }

            for (int i = 0; i < batch.Count; i++)
            {
                int row = rejectInReverse ? batch.Count - 1 - i : i;
                long id = batch.Id[row];
                if (reject(id))
                {
                    context.RejectRow(row, "id", $"id {id} is not wanted", new InvalidDataException("bad"));
                }
            }
        }
    }
}
