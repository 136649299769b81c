using SchemaGen.Datasets;
using SchemaGen.Schema;

namespace SchemaGen.Augmentation;

/// <summary>Runs an <see cref="IBatchAugmenter{TOutput}"/> on each parsed batch's images, as a dataset's stage.</summary>
internal sealed class AugmentStage<TBatch, TOutput>(BatchImages<TBatch> images, ImageShape shape, IBatchAugmenter<TOutput> augmenter)
    : IBatchStage<TBatch, TOutput>
    where TBatch : ITfExampleBatch<TBatch>
    where TOutput : class
{
    public TOutput CreateOutput(int capacity) => augmenter.CreateOutput(shape, capacity);

    public void Run(TBatch batch, TOutput output, BatchStageContext context)
    {
        var bytes = images(batch);
        long needed = (long)batch.Count * shape.Length;
        if (bytes.Length < needed)
        {
            throw new InvalidOperationException(
                $"The image column holds {bytes.Length} bytes, but {batch.Count} images of {shape} need {needed}: the shape given to Augment does not match the schema.");
        }

        augmenter.Augment(bytes[..(int)needed], shape, batch.Count, context.Epoch, context.FirstRow, output);
    }

    public void Complete(TOutput output) => augmenter.Complete(output);

    public void Release(TOutput output) => (output as IDisposable)?.Dispose();
}
