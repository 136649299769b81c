using SchemaGen.Augmentation;
using SchemaGen.Batches;
using SchemaGen.Datasets;
using SchemaGen.Schema;

namespace SchemaGen.Imaging;

/// <summary><see cref="DecodeImages"/>: decoding a batch dataset's encoded images on its workers.</summary>
public static class BatchDatasetImageDecoding
{
    /// <summary>
    /// Decodes each batch's encoded images (JPEG, PNG, GIF, BMP, WebP) on the dataset's workers and turns them into
    /// one fixed-size tensor with <paramref name="augmentation"/>: per image its header is read, the sizing op chooses
    /// the window (<see cref="ImageAugmentation.ChooseWindow"/>, from the seed, the epoch and the image's index, and
    /// the record's boxes), only that window is decoded (a JPEG at 1/2, 1/4 or 1/8 scale when the window is that much
    /// larger than the output), and the fused CPU path resizes, flips, adjusts and normalizes it into the batch's
    /// <see cref="ImageTensor"/>.
    /// <code>
    /// var augmentation = new ImageAugmentation(seed: 7).RandomResizedCrop(224).RandomFlipLeftRight()
    ///     .Normalize([0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]).WithLayout(TensorLayout.Nchw);
    /// foreach (var (batch, images) in dataset.Batch&lt;ImageNet.Batch&gt;(256).DecodeImages(b =&gt; b.ImageEncoded, augmentation))
    /// {
    ///     Train(images.Span, batch.ImageClassLabel[..batch.Count]);
    /// }
    /// </code>
    /// </summary>
    /// <remarks>
    /// An image that does not decode (corrupt, truncated, no known format, over the pixel limit, or a row without
    /// exactly one value) follows the dataset's <see cref="DamagePolicy"/>: a <see cref="TfRecordException"/> naming
    /// the file, the record's offset and the feature, or the record left out of its batch and counted (see
    /// <see cref="BatchStageContext"/>). Memory: per pooled batch (the prefetch depth plus the parsing threads plus 2)
    /// one tensor and one buffer of decoded windows, which grows to the largest batch of windows seen and is then reused.
    /// </remarks>
    /// <typeparam name="TBatch">The generated batch type.</typeparam>
    /// <param name="batches">The dataset; its prefetch and parallelism apply to decoding too.</param>
    /// <param name="encodedImages">Selects the encoded-image column, a <c>byte[]</c> member: <c>b =&gt; b.ImageEncoded</c>.</param>
    /// <param name="augmentation">The pipeline: it must have a sizing op (<c>Resize</c>, <c>ResizeShorterSide</c> + <c>CenterCrop</c> or <c>RandomResizedCrop</c>).</param>
    /// <param name="boxes">Selects the object boxes' columns, for <c>RandomResizedCrop</c>'s <c>minObjectCovered</c>; null when the records have none.</param>
    /// <param name="options">Channels (3 or 1) and the pixel limit; null for the defaults.</param>
    /// <param name="featureKey">The encoded images' feature key, for messages; null takes <c>image/encoded</c> or <c>image</c>, whichever the schema has.</param>
    /// <returns>The dataset of batches with their image tensors.</returns>
    public static AugmentedDataset<TBatch, ImageTensor> DecodeImages<TBatch>(
        this BatchDataset<TBatch> batches,
        Func<TBatch, BytesListColumn> encodedImages,
        ImageAugmentation augmentation,
        Func<TBatch, BoundingBoxColumns>? boxes = null,
        ImageDecoderOptions? options = null,
        string? featureKey = null)
        where TBatch : class, ITfExampleBatch<TBatch>
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(encodedImages);
        ArgumentNullException.ThrowIfNull(augmentation);
        options ??= new ImageDecoderOptions();
        options.Validate();
        featureKey ??= (TBatch.Schema.Find("image/encoded") ?? TBatch.Schema.Find("image"))?.Key ?? "image";
        return batches.WithStage(new ImageDecodeStage<TBatch>(encodedImages, boxes, augmentation, options, featureKey));
    }
}
