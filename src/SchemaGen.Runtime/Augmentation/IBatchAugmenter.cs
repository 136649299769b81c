namespace SchemaGen.Augmentation;

/// <summary>
/// A dataset stage that turns each batch's uint8 images into <typeparamref name="TOutput"/> on the dataset's worker
/// threads (<see cref="BatchDatasetAugmentation.Augment"/>). <see cref="ImageAugmentation"/> is the built-in CPU one;
/// <c>SchemaGen.Gpu</c> has a device one; implement it to run your own code (CPU spans in, any output out).
/// </summary>
/// <typeparam name="TOutput">What a batch becomes: <see cref="ImageTensor"/> for the CPU, device buffers for a GPU.</typeparam>
/// <remarks>
/// A reader creates one output per pooled batch and lends it with that batch, so <see cref="Augment"/> should write
/// into the output it is given and allocate nothing. Workers call <see cref="Augment"/> concurrently (each on its own
/// output). For results that do not depend on the threads, derive randomness from the epoch and the image indexes
/// (<see cref="ImageAugmentation.DrawParameters"/> does).
/// </remarks>
public interface IBatchAugmenter<TOutput>
    where TOutput : class
{
    /// <summary>Creates an output for batches of up to <paramref name="capacity"/> images.</summary>
    /// <param name="input">The stored images' shape.</param>
    /// <param name="capacity">The batch size.</param>
    /// <returns>The output, reused for many batches.</returns>
    TOutput CreateOutput(ImageShape input, int capacity);

    /// <summary>Augments one batch's images into <paramref name="output"/>.</summary>
    /// <param name="images">The batch's uint8 HWC images, one after another (<paramref name="count"/> of them).</param>
    /// <param name="input">Their shape.</param>
    /// <param name="count">The images in this batch (the last batch of an epoch may be short).</param>
    /// <param name="epoch">The batch's epoch, from 0.</param>
    /// <param name="firstImage">The index of the batch's first image within its epoch.</param>
    /// <param name="output">The output lent with this batch.</param>
    void Augment(ReadOnlySpan<byte> images, ImageShape input, int count, long epoch, long firstImage, TOutput output);

    /// <summary>
    /// Waits until <paramref name="output"/> holds the batch's images, for augmenters whose <see cref="Augment"/>
    /// only queues work (a device's). A reader calls it on the consumer's thread just before it hands the batch out.
    /// </summary>
    /// <param name="output">The output <see cref="Augment"/> last wrote.</param>
    void Complete(TOutput output)
    {
    }
}
