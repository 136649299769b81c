namespace SchemaGen;

/// <summary>Runs an <see cref="IBatchAugmenter{TOutput}"/> on each parsed batch's images.</summary>
internal sealed class AugmentStage<TBatch, TOutput>(BatchImages<TBatch> images, ImageShape shape, IBatchAugmenter<TOutput> augmenter)
    : BatchStage<TBatch>
    where TBatch : ITfExampleBatch<TBatch>
    where TOutput : class
{
    public override object CreateOutput(int capacity) => augmenter.CreateOutput(shape, capacity);

    public override void Run(TBatch batch, object output, long epoch, long batchIndex, int batchSize)
    {
        var bytes = images(batch);
        long needed = (long)batch.Count * shape.Length;
        if (bytes.Length < needed)
        {
            throw new InvalidOperationException(
                $"The image column holds {bytes.Length} bytes, but {batch.Count} images of {shape} need {needed}: the shape given to Augment does not match the schema.");
        }

        // Batches of an epoch are full but for the last, so this batch's first image is batchIndex * batchSize.
        augmenter.Augment(bytes[..(int)needed], shape, batch.Count, epoch, batchIndex * batchSize, (TOutput)output);
    }

    public override void Complete(object output) => augmenter.Complete((TOutput)output);
}
