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
    public DeviceImageBatch CreateOutput(ImageShape input, int capacity)
    {
        if (Augmentation.Sizing is not null)
        {
            throw new NotSupportedException("On the device a sizing op takes decoded images: use CreateOutput(channels, capacity) and Augment(DecodedImageBatch, …).");
        }

        return new(Accelerator, input, Augmentation.OutputShape(input), Augmentation.Layout, capacity, ScratchLength(input, capacity));
    }

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

    /// <summary>Allocates one batch's device buffers for decoded images of varying sizes (a pipeline with a sizing op).</summary>
    /// <param name="channels">The decoded images' channels (1 or 3).</param>
    /// <param name="capacity">The batch size.</param>
    /// <returns>The buffers, reused for many batches; their upload memory grows to the largest batch seen.</returns>
    public DeviceImageBatch CreateOutput(int channels, int capacity)
    {
        var sizing = Augmentation.Sizing ?? throw new InvalidOperationException("Decoded images need a sizing op (Resize, ResizeShorterSide + CenterCrop or RandomResizedCrop).");
        var shape = Augmentation.OutputShape(new ImageShape(sizing.Height, sizing.Width, channels));
        return new(Accelerator, new ImageShape(0, 0, channels), shape, Augmentation.Layout, capacity, ScratchLength(shape, capacity), decoded: true);
    }

    /// <summary>
    /// Queues one upload of a batch's decoded pixels with a small table of the images' offsets and resampling axes,
    /// and the kernels that resize each region and augment it (<see cref="ImageAugmentation.Apply(DecodedImageBatch, long, long, ImageTensor, int)"/>'s
    /// results, within 1e-5), on <c>output.Stream</c>; returns without waiting (<see cref="Complete"/> waits).
    /// </summary>
    /// <param name="images">The batch's decoded images, each with its region.</param>
    /// <param name="epoch">The batch's epoch.</param>
    /// <param name="firstImage">The index of the batch's first image within its epoch.</param>
    /// <param name="output">From <see cref="CreateOutput(int, int)"/>.</param>
    public void Augment(DecodedImageBatch images, long epoch, long firstImage, DeviceImageBatch output)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(output);
        var sizing = Augmentation.Sizing;
        if (sizing is null || !output.IsDecoded || output.InputShape.Channels != images.Channels || output.Capacity < images.Count)
        {
            throw new ArgumentException(
                $"The device batch holds {output.Capacity} {(output.IsDecoded ? "decoded" : "fixed-size")} images of {output.InputShape.Channels} channels; this batch has {images.Count} of {images.Channels} (use CreateOutput(channels, capacity) of a pipeline with a sizing op).",
                nameof(output));
        }

        Accelerator.Bind();
        output.Stream.Synchronize();
        output.EnsureSourceCapacity(images.Pixels.Length);
        int count = images.Count;
        Augmentation.DrawParameters(output.Shape, epoch, firstImage, output.HostParameters[..count]);
        var entries = output.HostEntries;
        var decoded = images.Images;
        for (int i = 0; i < count; i++)
        {
            ValidateRegion(decoded[i], i);
            sizing.Axes(decoded[i], out var columns, out var rows);
            entries[i] = new DecodedEntry { Offset = decoded[i].Offset, Width = decoded[i].Width, Columns = columns, Rows = rows };
        }

        if (Accelerator.AcceleratorType == AcceleratorType.CPU)
        {
            lock (_cpuLaunches)
            {
                output.Upload(images.Pixels, count);
                Launch(output);
                output.Stream.Synchronize();
            }
        }
        else
        {
            output.Upload(images.Pixels, count);
            Launch(output);
        }
    }

    /// <summary>Waits until the work an <c>Augment</c> call queued for <paramref name="output"/> is done.</summary>
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

    private static void ValidateRegion(in DecodedImage image, int index)
    {
        var r = image.Region;
        if (!(r.Width > 0 && r.Height > 0 && r.X >= -1e-3f && r.Y >= -1e-3f && r.X + r.Width <= image.Width + 1e-3f && r.Y + r.Height <= image.Height + 1e-3f))
        {
            throw new ArgumentException(
                $"Image {index} of the batch is {image.Width}x{image.Height} but its region is ({r.X}, {r.Y}) {r.Width}x{r.Height}: a region must be non-empty and inside the image.");
        }
    }

    private void Run(ReadOnlySpan<byte> images, int count, DeviceImageBatch output)
    {
        output.Upload(images[..(count * output.InputShape.Length)], count);
        Launch(output);
    }
}
