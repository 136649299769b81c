using System.Globalization;

namespace SchemaGen.Imaging.Tests;

/// <summary>
/// <see cref="BatchDatasetImageDecoding.DecodeImages"/>: encoded images decoded on the dataset's workers into one
/// tensor per batch, the same for any thread count, with undecodable images under the damage policy.
/// </summary>
public sealed class DecodeStageTests : IDisposable
{
    private const string Shards = "tensorflow-benchmarks/scripts/tf_cnn_benchmarks/test_data/fake_tf_record_data/";

    /// <summary>MANIFEST.md: each benchmark image is one grey level, set by its label (n % 10 for image n).</summary>
    private static readonly int[] LabelLevels = [0, 25, 51, 76, 102, 128, 153, 179, 204, 230];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_ImageNet_layout_shards_give_every_image_once_at_its_grey_level()
    {
        string[] files = [.. Enumerable.Range(0, 8).Select(i => InteropFiles.Path($"{Shards}train-0000{i}-of-00008"))];
        var augmentation = new ImageAugmentation(seed: 3).RandomResizedCrop(24).RandomFlipLeftRight();
        var dataset = TfRecordDataset.FromFiles(files).Shuffle(100, seed: 4).Batch<SlimImage.Batch>(32)
            .DecodeImages(b => b.ImageEncoded, augmentation);

        var seen = new List<int>();
        foreach (var (batch, images) in dataset)
        {
            Assert.Equal(batch.Count, images.Count);
            Assert.Equal(new ImageShape(24, 24, 3), images.Shape);
            var values = images.Span;
            for (int row = 0; row < batch.Count; row++)
            {
                // train_n has label n % 10; a solid image stays solid through any crop, resize and flip.
                int n = int.Parse(batch.ImageFilename.GetString(row, 0)["train_".Length..], CultureInfo.InvariantCulture);
                Assert.Equal(n % 10, batch.ImageClassLabel[row]);
                float level = LabelLevels[n % 10] / 255f;
                foreach (float value in values.Slice(row * 24 * 24 * 3, 24 * 24 * 3))
                {
                    Assert.InRange(value, level - (1.01f / 255), level + (1.01f / 255));
                }

                seen.Add(n);
            }
        }

        Assert.Equal(Enumerable.Range(0, 512), seen.Order());
    }

    [Fact]
    public void A_resize_to_a_PNGs_own_size_gives_PILs_pixels_exactly()
    {
        // Bilinear with half-pixel centers at scale 1 samples each pixel's centre: the identity.
        var fixture = ImageFixtures.Get("png-rgb-37x23.png");
        var records = new[] { new TfdsImage(fixture.Bytes, 5).ToByteArray() };
        var augmentation = new ImageAugmentation(seed: 1).Resize(fixture.Height, fixture.Width);

        using var reader = TfRecordDataset.FromRecords(records).Batch<TfdsImage.Batch>(4).DecodeImages(b => b.Image, augmentation).Open();
        Assert.True(reader.MoveNext());
        var images = reader.Current.Images;

        byte[] pil = ImageFixtures.Gunzip(fixture.Rgb!);
        Assert.Equal(pil.Length, images.Span.Length);
        for (int i = 0; i < pil.Length; i++)
        {
            Assert.Equal(pil[i] / 255f, images.Span[i], 1e-6f);
        }
    }

    [Fact]
    public void The_tensors_are_the_same_for_any_thread_count_and_prefetch()
    {
        var dataset = TfRecordDataset.FromRecords(VariedRecords(40)).Repeat(2).Batch<TfdsImage.Batch>(6);
        var augmentation = new ImageAugmentation(seed: 9).RandomResizedCrop(16).RandomFlipLeftRight().RandomBrightness(0.2f)
            .Normalize([0.5f, 0.5f, 0.5f], [0.25f, 0.25f, 0.25f]).WithLayout(TensorLayout.Nchw);

        var inline = Read(dataset.Prefetch(0).WithMaxDegreeOfParallelism(1).DecodeImages(b => b.Image, augmentation));
        Assert.Equal(14, inline.Count); // 40 records in batches of 6, twice

        Assert.Equal(inline, Read(dataset.DecodeImages(b => b.Image, augmentation)));
        Assert.Equal(inline, Read(dataset.Prefetch(3).WithMaxDegreeOfParallelism(3).DecodeImages(b => b.Image, augmentation)));

        // Each epoch crops differently (the crop comes from the seed, the epoch and the image's index).
        Assert.NotEqual(inline[0], inline[7]);
    }

    [Theory]
    [InlineData("bad-jpeg-truncated-half.jpg", ImageDecodeError.Truncated)]
    [InlineData("bad-random-bytes.bin", ImageDecodeError.UnknownFormat)]
    [InlineData("huge-jpeg-50000x50000.jpg", ImageDecodeError.TooManyPixels)]
    public void An_image_that_does_not_decode_fails_its_batch_under_Throw_naming_the_file_the_record_and_the_feature(string bad, ImageDecodeError error)
    {
        // Record 5 of 8 is the bad one, in batch 1 of 4 rows.
        string path = WriteRecords(bad, badIndex: 5, count: 8, out long offset);
        var dataset = TfRecordDataset.FromFiles(path).Batch<TfdsImage.Batch>(4)
            .DecodeImages(b => b.Image, new ImageAugmentation(seed: 1).Resize(8, 8));

        using var reader = dataset.Open();
        Assert.True(reader.MoveNext());
        var exception = Assert.Throws<TfRecordException>(() => reader.MoveNext());

        Assert.Equal((path, offset, "image"), (exception.FilePath, exception.Offset, exception.FeatureKey));
        Assert.StartsWith($"corrupted record at {offset} in {path}: feature 'image' of the record: ", exception.Message, StringComparison.Ordinal);
        Assert.Equal(error, Assert.IsType<ImageDecodeException>(exception.InnerException).Error);
    }

    [Theory]
    [InlineData(DamagePolicy.SkipRecord, 0)]
    [InlineData(DamagePolicy.SkipRecord, 3)]
    [InlineData(DamagePolicy.SkipFile, -1)]
    public void Under_a_skip_policy_an_image_that_does_not_decode_is_left_out_and_counted(DamagePolicy policy, int threads)
    {
        string path = WriteRecords("bad-jpeg-truncated-half.jpg", badIndex: 5, count: 8, out long offset);
        var batches = TfRecordDataset.FromFiles(path).WithReaderOptions(new TfRecordReaderOptions { Policy = policy }).Batch<TfdsImage.Batch>(4);
        batches = threads switch
        {
            0 => batches.Prefetch(0).WithMaxDegreeOfParallelism(1),
            > 0 => batches.Prefetch(2).WithMaxDegreeOfParallelism(threads),
            _ => batches,
        };

        var labels = new List<long>();
        using var reader = batches.DecodeImages(b => b.Image, new ImageAugmentation(seed: 1).Resize(8, 8)).Open();
        while (reader.MoveNext())
        {
            var (batch, images) = reader.Current;
            Assert.Equal(batch.Count, images.Count);
            labels.AddRange(batch.Label[..batch.Count].ToArray());
        }

        Assert.Equal([0L, 1, 2, 3, 4, 6, 7], labels); // the labels are the records' indexes
        Assert.Equal(1, reader.Reader.SkippedRecords);
        var damage = Assert.Single(reader.Reader.Damage);
        Assert.Equal((path, offset, "image"), (damage.FilePath, damage.Offset, damage.FeatureKey));
    }

    // count records whose label is their index: the PNG fixture but for record badIndex, which holds the bad file.
    private string WriteRecords(string bad, int badIndex, int count, out long badOffset)
    {
        string path = _temp.File($"{bad}.tfrecord");
        byte[] good = ImageFixtures.Get("png-rgb-37x23.png").Bytes;
        badOffset = 0;
        using var writer = new TfRecordWriter(path);
        for (int i = 0; i < count; i++)
        {
            byte[] record = new TfdsImage(i == badIndex ? ImageFixtures.Read(bad) : good, i).ToByteArray();
            if (i < badIndex)
            {
                badOffset += record.Length + 16;
            }

            writer.Write(record);
        }

        return path;
    }

    // JPEG and PNG fixtures of several sizes and kinds, record i's label i.
    private static IEnumerable<byte[]> VariedRecords(int count)
    {
        var images = ImageFixtures.All.Where(f => f.Error is null && f.Rgb is not null && !f.File.StartsWith("huge", StringComparison.Ordinal)
            && f.Width >= 16 && f.Height >= 16).ToArray();
        Assert.True(images.Length >= 5);
        return Enumerable.Range(0, count).Select(i => new TfdsImage(images[i % images.Length].Bytes, i).ToByteArray());
    }

    // Per batch its labels, then its tensor's values.
    private static List<float[]> Read(IEnumerable<AugmentedBatch<TfdsImage.Batch, ImageTensor>> batches)
    {
        var result = new List<float[]>();
        foreach (var (batch, images) in batches)
        {
            float[] labels = [.. batch.Label[..batch.Count].ToArray().Select(label => (float)label)];
            result.Add([.. labels, .. images.Span.ToArray()]);
        }

        return result;
    }
}
