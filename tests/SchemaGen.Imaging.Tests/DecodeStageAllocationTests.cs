namespace SchemaGen.Imaging.Tests;

/// <summary>Runs alone: it counts the bytes every thread of the process allocates.</summary>
[CollectionDefinition(nameof(DecodeStageAllocationTests), DisableParallelization = true)]
public sealed class DecodeStageRunsAlone;

/// <summary>What decoding through the dataset allocates per batch once its buffers have grown.</summary>
[Collection(nameof(DecodeStageAllocationTests))]
public sealed class DecodeStageAllocationTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 2)]
    public void Batches_after_the_warm_up_allocate_only_the_codec_wrappers(int prefetch, int threads)
    {
        // JPEG and PNG records of several sizes, repeated forever.
        var images = ImageFixtures.All.Where(f => f.Error is null && f.Rgb is not null && f.Width >= 16 && f.Height >= 16).ToArray();
        var records = Enumerable.Range(0, 64).Select(i => new TfdsImage(images[i % images.Length].Bytes, i).ToByteArray());
        var augmentation = new ImageAugmentation(seed: 2).RandomResizedCrop(16).RandomFlipLeftRight().Normalize([0.5f, 0.5f, 0.5f], [0.2f, 0.2f, 0.2f]);
        using var reader = TfRecordDataset.FromRecords(records).Repeat().Batch<TfdsImage.Batch>(8)
            .Prefetch(prefetch).WithMaxDegreeOfParallelism(threads)
            .DecodeImages(b => b.Image, augmentation).Open();
        Skip(reader, 40);

        long least = long.MaxValue;
        Thread.Sleep(250);
        for (int window = 0; window < 6; window++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            Skip(reader, 20);
            least = Math.Min(least, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        // 20 batches of 8 images: what is left per image is SkiaSharp's managed wrappers of the data and the codec.
        Assert.True(least / (20 * 8) < 1024, $"{least} bytes for 160 images");
        Console.WriteLine($"decode stage, prefetch {prefetch}, threads {threads}: {least} bytes per 20 batches of 8 images");
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 2)]
    public void Jpeg_batches_after_the_warm_up_allocate_nothing_on_linux_x64(int prefetch, int threads)
    {
        // JPEG records only: through libschemagen_jpeg (where it loads) the stage holds no codec wrappers either.
        var images = ImageFixtures.All.Where(f => f.IsJpeg && f.Error is null && f.Rgb is not null && f.Width >= 16 && f.Height >= 16).ToArray();
        // 250 batches an epoch: the 160 read here cross no epoch boundary (the repeated source's new enumerator, 40 B).
        var records = Enumerable.Range(0, 2000).Select(i => new TfdsImage(images[i % images.Length].Bytes, i).ToByteArray()).ToArray();
        var augmentation = new ImageAugmentation(seed: 3).RandomResizedCrop(16).RandomFlipLeftRight().Normalize([0.5f, 0.5f, 0.5f], [0.2f, 0.2f, 0.2f]);
        using var reader = TfRecordDataset.FromRecords(records).Repeat().Batch<TfdsImage.Batch>(8)
            .Prefetch(prefetch).WithMaxDegreeOfParallelism(threads)
            .DecodeImages(b => b.Image, augmentation).Open();
        Skip(reader, 40);

        long least = long.MaxValue;
        Thread.Sleep(250);
        for (int window = 0; window < 6; window++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            Skip(reader, 20);
            least = Math.Min(least, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        Console.WriteLine($"JPEG decode stage, prefetch {prefetch}, threads {threads}: {least} bytes per 20 batches of 8 images");
        // Nothing at all, prefetching workers included (where the shim is not available, JPEGs go through SkiaSharp:
        // the test above covers that path).
        Assert.True(!JpegNative.IsAvailable || least == 0, $"{least} bytes for 20 batches");
    }

    private static void Skip(Augmentation.AugmentedBatchReader<TfdsImage.Batch, ImageTensor> reader, int count)
    {
        for (int i = 0; i < count; i++)
        {
            Assert.True(reader.MoveNext());
        }
    }
}
