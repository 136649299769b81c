using SchemaGen.Datasets;
using SchemaGen.Schema;

namespace SchemaGen.Augmentation;

/// <summary>
/// <see cref="Augment"/>: the augmentation stage of a <see cref="BatchDataset{TBatch}"/>; <see cref="WithStage"/>: any
/// other stage (image decoding, your own).
/// </summary>
public static class BatchDatasetAugmentation
{
    /// <summary>
    /// Augments each batch's images on the workers, right after parsing, into an output lent with the batch: the
    /// built-in <see cref="ImageAugmentation"/> (an <see cref="ImageTensor"/> of floats), <c>SchemaGen.Gpu</c>'s device
    /// augmenter, or your own <see cref="IBatchAugmenter{TOutput}"/>. Batches, order, parallelism and checkpoints stay
    /// as they are; each image's random choices depend on the epoch and its index in the epoch only.
    /// <code>
    /// foreach (var (batch, images) in dataset.Augment(b => b.Image, new ImageShape(32, 32, 3), augmentation))
    /// {
    ///     Train(images.Span, batch.Label[..batch.Count]);
    /// }
    /// </code>
    /// </summary>
    /// <typeparam name="TBatch">The generated batch type.</typeparam>
    /// <typeparam name="TOutput">What the augmenter writes.</typeparam>
    /// <param name="batches">The dataset; its <c>Prefetch</c> and parallelism apply to augmenting too.</param>
    /// <param name="images">Selects the uint8 image column, for example <c>b =&gt; b.Image</c>.</param>
    /// <param name="shape">One stored image's shape (HWC).</param>
    /// <param name="augmenter">The augmentation.</param>
    /// <returns>The augmented dataset.</returns>
    public static AugmentedDataset<TBatch, TOutput> Augment<TBatch, TOutput>(
        this BatchDataset<TBatch> batches, BatchImages<TBatch> images, ImageShape shape, IBatchAugmenter<TOutput> augmenter)
        where TBatch : class, ITfExampleBatch<TBatch>
        where TOutput : class
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(augmenter);
        if (augmenter is ImageAugmentation augmentation)
        {
            augmentation.OutputShape(shape); // a pipeline that does not fit the images fails here, not on a worker
        }

        return new(batches, new AugmentStage<TBatch, TOutput>(images, shape, augmenter));
    }

    /// <summary>
    /// Runs <paramref name="stage"/> on each batch on the workers, right after parsing, into an output lent with the
    /// batch: how packages such as <c>SchemaGen.Imaging</c> (image decoding) plug into a dataset. Batches, order,
    /// parallelism and checkpoints stay those of <paramref name="batches"/>; rows the stage rejects follow its damage
    /// policy (see <see cref="BatchStageContext"/>).
    /// </summary>
    /// <typeparam name="TBatch">The generated batch type.</typeparam>
    /// <typeparam name="TOutput">What the stage makes of a batch.</typeparam>
    /// <param name="batches">The dataset.</param>
    /// <param name="stage">The stage.</param>
    /// <returns>The dataset of batches with their outputs.</returns>
    public static AugmentedDataset<TBatch, TOutput> WithStage<TBatch, TOutput>(this BatchDataset<TBatch> batches, IBatchStage<TBatch, TOutput> stage)
        where TBatch : class, ITfExampleBatch<TBatch>
        where TOutput : class
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(stage);
        return new(batches, stage);
    }
}
