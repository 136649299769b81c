using ILGPU.Runtime;
using SchemaGen.Augmentation;

namespace SchemaGen.Gpu;

/// <summary>
/// The GPU flavour of the dataset hook: queues the copy of each batch's uint8 images and their random choices to the
/// device and <see cref="Launch"/> on the batch's stream, and returns while they run, so a worker prepares its next
/// batch as the device works. A dataset reader calls <see cref="Complete"/> before it hands the batch out, so the
/// consumer gets a <see cref="DeviceImageBatch"/> whose float images are ready on the device. Derive from it to run
/// your own kernel (<see cref="GpuAugmentation"/> runs the built-in ops).
/// <code>
/// sealed class MyAugmenter(Accelerator accelerator, ImageAugmentation choices) : DeviceBatchAugmenter(accelerator, choices)
/// {
///     private readonly Action&lt;AcceleratorStream, Index1D, ArrayView&lt;byte&gt;, ArrayView&lt;float&gt;&gt; _kernel =
///         accelerator.LoadAutoGroupedKernel&lt;Index1D, ArrayView&lt;byte&gt;, ArrayView&lt;float&gt;&gt;(MyKernel);
///     protected override void Launch(DeviceImageBatch batch) =&gt;
///         _kernel(batch.Stream, (int)batch.Images.Length, batch.Source, batch.Images);
/// }
/// </code>
/// </summary>
public abstract class DeviceBatchAugmenter : IBatchAugmenter<DeviceImageBatch>
{
    private readonly object _cpuLaunches = new();

    /// <summary>Sets the device and the pipeline whose random choices, output shape and layout the batches get.</summary>
    /// <param name="accelerator">The device (a CUDA accelerator, or ILGPU's CPU accelerator).</param>
    /// <param name="augmentation">Draws each image's <see cref="AugmentationParameters"/>, and fixes the output shape and layout.</param>
    protected DeviceBatchAugmenter(Accelerator accelerator, ImageAugmentation augmentation)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(augmentation);
        Accelerator = accelerator;
        Augmentation = augmentation;
    }

    /// <summary>The device.</summary>
    public Accelerator Accelerator { get; }

    /// <summary>The pipeline that draws the random choices.</summary>
    public ImageAugmentation Augmentation { get; }

    /// <summary>Allocates one batch's device buffers.</summary>
    /// <param name="input">The stored images' shape.</param>
    /// <param name="capacity">The batch size.</param>
    /// <returns>The buffers, reused for many batches.</returns>
    public DeviceImageBatch CreateOutput(ImageShape input, int capacity) =>
        new(Accelerator, input, Augmentation.OutputShape(input), Augmentation.Layout, capacity, ScratchLength(input, capacity));

    /// <summary>
    /// Queues the batch's copy to the device and its kernels on <c>output.Stream</c>, and returns without waiting
    /// for them (<see cref="Complete"/> waits).
    /// </summary>
    /// <param name="images">The batch's uint8 HWC images.</param>
    /// <param name="input">Their shape.</param>
    /// <param name="count">The images in this batch.</param>
    /// <param name="epoch">The batch's epoch.</param>
    /// <param name="firstImage">The index of the batch's first image within its epoch.</param>
    /// <param name="output">The device buffers lent with this batch.</param>
    public void Augment(ReadOnlySpan<byte> images, ImageShape input, int count, long epoch, long firstImage, DeviceImageBatch output)
    {
        ArgumentNullException.ThrowIfNull(output);
        // A CUDA context is current per thread, and dataset workers are plain threads.
        Accelerator.Bind();

        // The staging memory may still be feeding this output's previous batch if nobody waited for it.
        output.Stream.Synchronize();
        Augmentation.DrawParameters(input, epoch, firstImage, output.HostParameters[..count]);
        if (Accelerator.AcceleratorType == AcceleratorType.CPU)
        {
            // ILGPU's CPU accelerator runs one kernel at a time on its own threads; dataset workers take turns.
            lock (_cpuLaunches)
            {
                Run(images, count, output);
                output.Stream.Synchronize();
            }
        }
        else
        {
            Run(images, count, output);
        }
    }

    /// <summary>Waits until the work <see cref="Augment"/> queued for <paramref name="output"/> is done.</summary>
    /// <param name="output">The batch's device buffers.</param>
    public void Complete(DeviceImageBatch output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Accelerator.Bind();
        output.Stream.Synchronize();
    }

    /// <summary>Launches the work on <c>batch.Stream</c>: read <c>batch.Source</c> and <c>batch.Parameters</c>, write <c>batch.Images</c>.</summary>
    /// <param name="batch">The batch, already on the device.</param>
    protected abstract void Launch(DeviceImageBatch batch);

    /// <summary>Device floats of scratch a batch needs beside its output (0 unless overridden).</summary>
    /// <param name="input">The stored images' shape.</param>
    /// <param name="capacity">The batch size.</param>
    /// <returns>The scratch length.</returns>
    protected virtual long ScratchLength(ImageShape input, int capacity) => 0;

    private void Run(ReadOnlySpan<byte> images, int count, DeviceImageBatch output)
    {
        output.Upload(images[..(count * output.InputShape.Length)], count);
        Launch(output);
    }
}
