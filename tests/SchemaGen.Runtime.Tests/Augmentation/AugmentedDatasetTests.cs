using SchemaGen.Augmentation;
using SchemaGen.Datasets;
using SchemaGen.Runtime.Tests.Datasets;

namespace SchemaGen.Runtime.Tests.Augmentation;

/// <summary>The Augment stage: each batch's images augmented on the workers, keeping the dataset's guarantees.</summary>
public sealed class AugmentedDatasetTests : IDisposable
{
    private static readonly ImageShape Shape = new(32, 32, 3);
    private readonly TempDirectory _directory = new();
    private readonly string _path;

    public AugmentedDatasetTests()
    {
        _path = _directory.File("cifar.tfrecord");
        var random = new Random(3);
        using var writer = new TfRecordWriter(_path);
        var image = new byte[Shape.Length];
        for (int i = 0; i < 300; i++)
        {
            random.NextBytes(image);
            writer.Write(new CifarImage(image, i).ToByteArray());
        }
    }

    private static ImageAugmentation Augmentation => new ImageAugmentation(seed: 11).RandomCrop(4).RandomFlipLeftRight()
        .RandomBrightness(0.2f).RandomContrast(0.8f, 1.2f).Normalize([0.5f, 0.5f, 0.5f], [0.25f, 0.25f, 0.25f]).WithLayout(TensorLayout.Nchw);

    [Fact]
    public void Each_batch_comes_with_its_images_augmented_by_epoch_and_index_in_the_epoch()
    {
        var dataset = TfRecordDataset.FromFiles(_path).Repeat(2).Shuffle(64, seed: 5).Batch<CifarImage.Batch>(32);
        var augmentation = Augmentation;
        int batches = 0;
        var seen = new HashSet<long>();
        using var reader = dataset.Augment(b => b.Image, Shape, augmentation).Open();
        while (reader.MoveNext())
        {
            var (batch, images) = reader.Current;
            var checkpoint = reader.GetCheckpoint();
            long epoch = checkpoint.Epoch, index = checkpoint.BatchInEpoch - 1;

            // Drawn for this epoch and these image positions, applied to this batch's own images.
            var parameters = new AugmentationParameters[batch.Count];
            augmentation.DrawParameters(Shape, epoch, index * 32, parameters);
            var expected = new float[batch.Count * Shape.Length];
            augmentation.Apply(batch.Image[..(batch.Count * Shape.Length)], Shape, parameters, expected);

            Assert.Equal(batch.Count, images.Count);
            Assert.Equal((batch.Count, 3, 32, 32), images.Dimensions);
            Assert.Equal(parameters, images.Parameters.ToArray());
            Assert.True(expected.AsSpan().SequenceEqual(images.Span));
            if (epoch == 0)
            {
                seen.UnionWith(batch.Label[..batch.Count].ToArray());
            }

            batches++;
        }

        Assert.Equal(2 * 10, batches); // 300 records in batches of 32: 9 full and one of 12, twice
        Assert.Equal(300, seen.Count);
    }

    [Fact]
    public void One_or_two_workers_give_the_same_augmented_batches()
    {
        var dataset = TfRecordDataset.FromFiles(_path).Repeat(2).Shuffle(100, seed: 2).Batch<CifarImage.Batch>(16)
            .Augment(b => b.Image, Shape, Augmentation.RandomHue(0.1f));
        var inline = Read(dataset.WithBatches(dataset.Batches.Prefetch(0).WithMaxDegreeOfParallelism(1)));
        var one = Read(dataset.WithBatches(dataset.Batches.Prefetch(2).WithMaxDegreeOfParallelism(1)));
        var two = Read(dataset.WithBatches(dataset.Batches.Prefetch(3).WithMaxDegreeOfParallelism(2)));
        Assert.Equal(inline.Count, two.Count);
        Assert.Equal(inline, one);
        Assert.Equal(inline, two);
    }

    [Fact]
    public void A_reader_restored_from_a_checkpoint_augments_as_the_uninterrupted_run()
    {
        var augmented = TfRecordDataset.FromFiles(_path).Repeat(3).Shuffle(50, seed: 8).Batch<CifarImage.Batch>(32)
            .Prefetch(2).WithMaxDegreeOfParallelism(2).Augment(b => b.Image, Shape, Augmentation);
        var full = Read(augmented);

        foreach (int k in new[] { 1, 7, 13 })
        {
            byte[] saved;
            using (var reader = augmented.Open())
            {
                for (int i = 0; i < k; i++)
                {
                    Assert.True(reader.MoveNext());
                }

                saved = reader.GetCheckpoint().ToBytes();
            }

            var rest = new List<float[]>();
            using (var restored = augmented.Open(DatasetCheckpoint.FromBytes(saved)))
            {
                while (restored.MoveNext())
                {
                    rest.Add(restored.Current.Images.Span.ToArray());
                }
            }

            Assert.Equal(full.Skip(k), rest);
        }
    }

    [Fact]
    public void A_user_augmenter_gets_the_images_and_their_positions()
    {
        var recorder = new PositionRecorder();
        var dataset = TfRecordDataset.FromFiles(_path).Batch<CifarImage.Batch>(64).Prefetch(2).WithMaxDegreeOfParallelism(2);
        var positions = new List<(long, long, int, long)>();
        foreach (var (batch, output) in dataset.Augment(b => b.Image, Shape, recorder))
        {
            positions.Add((output.Epoch, output.FirstImage, output.Count, batch.Label[0]));
            Assert.Equal(batch.Image[0], output.FirstByte);

            // Work a device augmenter left running is waited for on the consumer's thread, after Augment.
            Assert.Equal(Environment.CurrentManagedThreadId, output.CompletedOnThread);
        }

        Assert.Equal([(0, 0, 64, 0), (0, 64, 64, 64), (0, 128, 64, 128), (0, 192, 64, 192), (0, 256, 44, 256)], positions);
        Assert.True(recorder.Created <= 2 + 2 + 2);
    }

    [Fact]
    public void A_shape_that_does_not_match_the_schema_fails_the_batch_with_a_clear_error()
    {
        var dataset = TfRecordDataset.FromFiles(_path).Batch<CifarImage.Batch>(8).Augment(b => b.Image, new ImageShape(64, 64, 3), new ImageAugmentation());
        var error = Assert.Throws<InvalidOperationException>(() => dataset.Open().MoveNext());
        Assert.Contains("does not match the schema", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private static List<float[]> Read(AugmentedDataset<CifarImage.Batch, ImageTensor> dataset)
    {
        var result = new List<float[]>();
        using var reader = dataset.Open();
        while (reader.MoveNext())
        {
            result.Add(reader.Current.Images.Span.ToArray());
        }

        return result;
    }

    private sealed class PositionRecorder : IBatchAugmenter<PositionRecorder.Output>
    {
        private int _created;

        public int Created => _created;

        public Output CreateOutput(ImageShape input, int capacity)
        {
            Interlocked.Increment(ref _created);
            return new Output();
        }

        public void Augment(ReadOnlySpan<byte> images, ImageShape input, int count, long epoch, long firstImage, Output output) =>
            (output.Epoch, output.FirstImage, output.Count, output.FirstByte, output.CompletedOnThread) = (epoch, firstImage, count, images[0], 0);

        public void Complete(Output output) => output.CompletedOnThread = Environment.CurrentManagedThreadId;

        public sealed class Output
        {
            public long Epoch { get; set; }

            public long FirstImage { get; set; }

            public int Count { get; set; }

            public byte FirstByte { get; set; }

            public int CompletedOnThread { get; set; }
        }
    }
}
