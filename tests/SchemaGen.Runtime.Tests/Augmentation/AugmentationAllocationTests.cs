using SchemaGen.Tests.Datasets;
using SchemaGen.Tests.Infrastructure;

namespace SchemaGen.Tests.Augmentation;

/// <summary>In steady state an augmented dataset allocates nothing per batch: the float outputs are pooled with the batches.</summary>
[Collection(nameof(SteadyStateAllocationTests))]
public sealed class AugmentationAllocationTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Theory]
    [InlineData(0, 1)]
    [InlineData(4, 2)]
    public void Augmented_batches_after_the_warm_up_allocate_nothing(int prefetch, int threads)
    {
        string path = _directory.File("cifar.tfrecord");
        using (var writer = new TfRecordWriter(path))
        {
            var image = new byte[3072];
            for (int i = 0; i < 6000; i++)
            {
                image[i % 3072] = (byte)i;
                writer.Write(new CifarImage(image, i % 10).ToByteArray());
            }
        }

        var augmentation = new ImageAugmentation(1).RandomCrop(4).RandomFlipLeftRight().RandomBrightness(0.1f).RandomContrast(0.9f, 1.1f)
            .RandomSaturation(0.9f, 1.1f).Normalize([0.5f, 0.5f, 0.5f], [0.2f, 0.2f, 0.2f]).WithLayout(TensorLayout.Nchw);
        var batches = TfRecordDataset.FromFiles(path).Shuffle(300, seed: 1).Batch<CifarImage.Batch>(16)
            .Prefetch(prefetch).WithMaxDegreeOfParallelism(threads).Augment(b => b.Image, new ImageShape(32, 32, 3), augmentation);
        using var reader = batches.Open();
        Skip(reader, 100);

        // The least of sixteen windows of 10 batches (see SteadyStateAllocationTests): augmenting makes a batch slow
        // enough on a loaded machine that longer windows all catch the test host's periodic work on other threads.
        long least = long.MaxValue;
        for (int window = 0; window < 16; window++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            Skip(reader, 10);
            least = Math.Min(least, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        Assert.Equal(0, least);
    }

    public void Dispose() => _directory.Dispose();

    private static void Skip(AugmentedBatchReader<CifarImage.Batch, ImageTensor> reader, int count)
    {
        for (int i = 0; i < count; i++)
        {
            // Plain checks: Assert.Equal allocates.
            Assert.True(reader.MoveNext());
            Assert.True(reader.Current.Images.Count == 16);
        }
    }
}
