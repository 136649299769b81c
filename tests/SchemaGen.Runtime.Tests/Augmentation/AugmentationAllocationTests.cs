using SchemaGen.Augmentation;
using SchemaGen.Runtime.Tests.Datasets;

namespace SchemaGen.Runtime.Tests.Augmentation;

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
        string path = DatasetFiles.WriteCifar(_directory, "cifar.tfrecord", 6000);
        var augmentation = new ImageAugmentation(1).RandomCrop(4).RandomFlipLeftRight().RandomBrightness(0.1f).RandomContrast(0.9f, 1.1f)
            .RandomSaturation(0.9f, 1.1f).Normalize([0.5f, 0.5f, 0.5f], [0.2f, 0.2f, 0.2f]).WithLayout(TensorLayout.Nchw);
        var batches = TfRecordDataset.FromFiles(path).Shuffle(300, seed: 1).Batch<CifarImage.Batch>(16)
            .Prefetch(prefetch).WithMaxDegreeOfParallelism(threads).Augment(b => b.Image, new ImageShape(32, 32, 3), augmentation);
        using var reader = batches.Open();
        Skip(reader, 100);

        // Short windows: augmenting makes a batch slow enough on a loaded machine that longer ones all catch the
        // test host's periodic work on its own threads.
        Assert.Equal(0, AllocationWindows.Least(16, () => Skip(reader, 10)));
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
