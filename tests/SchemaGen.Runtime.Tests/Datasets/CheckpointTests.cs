using SchemaGen.Datasets;

namespace SchemaGen.Runtime.Tests.Datasets;

/// <summary>A reader restored from a checkpoint yields exactly the batches an uninterrupted reader would have.</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly string[] _paths;

    public CheckpointTests() => _paths = DatasetFiles.Write(_directory, [30, 17, 26, 9]);

    public static TheoryData<string> Pipelines() => ["files", "shuffle", "interleave+shuffle", "global", "shard+pad"];

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Resuming_after_k_batches_gives_the_rest_of_an_uninterrupted_run(string pipeline)
    {
        var batches = Dataset(pipeline).Batch<Numbered.Batch>(8);
        var full = DatasetFiles.Ids(batches);
        Assert.True(full.Count >= 12);

        foreach (int k in new[] { 0, 1, 5, full.Count / 3, full.Count / 2 + 1, full.Count - 1, full.Count })
        {
            byte[] saved;
            using (var reader = batches.Prefetch(2).WithMaxDegreeOfParallelism(2).Open())
            {
                for (int i = 0; i < k; i++)
                {
                    Assert.True(reader.MoveNext());
                    Assert.Equal(full[i], DatasetFiles.IdsOf(reader.Current));
                }

                saved = reader.GetCheckpoint().ToBytes();
            }

            // Restored by a reader with other threads: the position, not the threads, decides the batches.
            var rest = new List<long[]>();
            using (var restored = batches.Open(DatasetCheckpoint.FromBytes(saved)))
            {
                while (restored.MoveNext())
                {
                    rest.Add(DatasetFiles.IdsOf(restored.Current));
                }
            }

            Assert.Equal(full.Skip(k), rest);
        }
    }

    [Fact]
    public void A_checkpoint_names_the_next_batchs_epoch_and_number()
    {
        var batches = Dataset("shuffle").Batch<Numbered.Batch>(10);
        using var reader = batches.Open();

        Assert.Equal((0L, 0L), Position(reader.GetCheckpoint()));
        for (int i = 0; i < 9; i++)
        {
            reader.MoveNext();
        }

        // 82 records a epoch: 9 batches, the last of 2 rows. The 9th batch taken ends epoch 0.
        Assert.Equal(2, reader.Current.Count);
        Assert.Equal((0L, 9L), Position(reader.GetCheckpoint()));
        reader.MoveNext();
        Assert.Equal((1L, 1L), Position(reader.GetCheckpoint()));
    }

    [Fact]
    public void A_checkpoint_of_another_dataset_is_refused()
    {
        var checkpoint = Dataset("shuffle").Batch<Numbered.Batch>(8).Open().GetCheckpoint();

        Assert.Throws<ArgumentException>(() => TfRecordDataset.FromFiles(_paths).Shuffle(50, seed: 2).Repeat(3).Batch<Numbered.Batch>(8).Open(checkpoint));
        Assert.Throws<ArgumentException>(() => Dataset("shuffle").Batch<Numbered.Batch>(9).Open(checkpoint));
    }

    [Fact]
    public void A_checkpoint_survives_a_longer_run()
    {
        var short_ = TfRecordDataset.FromFiles(_paths).Shuffle(40, seed: 5).Repeat(1).Batch<Numbered.Batch>(8);
        var long_ = TfRecordDataset.FromFiles(_paths).Shuffle(40, seed: 5).Repeat(2).Batch<Numbered.Batch>(8);
        using var reader = short_.Open();
        while (reader.MoveNext())
        {
        }

        var rest = DatasetFiles.Ids(long_).Skip(11).ToList();
        using var resumed = long_.Open(reader.GetCheckpoint());
        var resumedIds = new List<long[]>();
        while (resumed.MoveNext())
        {
            resumedIds.Add(DatasetFiles.IdsOf(resumed.Current));
        }

        Assert.Equal(rest, resumedIds);
    }

    [Fact]
    public void Bytes_that_are_not_a_checkpoint_are_refused()
    {
        var bytes = Dataset("files").Batch<Numbered.Batch>(8).Open().GetCheckpoint().ToBytes();
        Assert.Equal(32, bytes.Length);

        Assert.Throws<FormatException>(() => DatasetCheckpoint.FromBytes(bytes.AsSpan(1)));
        bytes[0] ^= 1;
        Assert.Throws<FormatException>(() => DatasetCheckpoint.FromBytes(bytes));
    }

    public void Dispose() => _directory.Dispose();

    private static (long, long) Position(DatasetCheckpoint checkpoint) => (checkpoint.Epoch, checkpoint.BatchInEpoch);

    private TfRecordDataset Dataset(string pipeline)
    {
        var files = TfRecordDataset.FromFiles(_paths).Repeat(3);
        return pipeline switch
        {
            "files" => files,
            "shuffle" => files.Shuffle(50, seed: 1),
            "interleave+shuffle" => files.ShuffleFiles(seed: 4).Interleave(3, 2).Shuffle(33, seed: 1),
            "global" => files.ShuffleGlobally(seed: 8).Shuffle(5, seed: 1),
            _ => files.ShuffleFiles(seed: 4).Shard(1, 3, ShardBalance.Pad).Shuffle(20, seed: 1),
        };
    }
}
