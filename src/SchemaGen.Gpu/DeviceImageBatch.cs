using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using SchemaGen.Augmentation;

namespace SchemaGen.Gpu;

/// <summary>
/// One batch's buffers on the device: the uint8 images copied there once, their <see cref="AugmentationParameters"/>,
/// and the augmented float32 images, which stay on the device for the training step. Lent with its batch and
/// reused; the reader disposes it.
/// </summary>
public sealed class DeviceImageBatch : IDisposable
{
    // The parameters, the decoded images' table (decoded batches only), then the images, in page-locked memory and on
    // the device: one copy uploads them all. Decoded batches vary in size: the buffers grow to the largest seen.
    private readonly int _parameterBytes;
    private readonly int _tableBytes;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _images;
    private PageLockedArray1D<byte> _staging;
    private MemoryBuffer1D<byte, Stride1D.Dense> _upload;
    private long _sourceLength;

    internal DeviceImageBatch(Accelerator accelerator, ImageShape input, ImageShape shape, TensorLayout layout, int capacity, long scratchLength, bool decoded = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Accelerator = accelerator;
        (InputShape, Shape, Layout, Capacity, IsDecoded) = (input, shape, layout, capacity, decoded);
        Stream = accelerator.CreateStream();
        _parameterBytes = ((capacity * Unsafe.SizeOf<AugmentationParameters>()) + 255) & ~255;
        _tableBytes = decoded ? ((capacity * Unsafe.SizeOf<DecodedEntry>()) + 255) & ~255 : 0;
        long uploadBytes = _parameterBytes + _tableBytes + (decoded ? (long)capacity * shape.Length : (long)capacity * input.Length);
        _staging = accelerator.AllocatePageLocked1D<byte>(uploadBytes);
        _upload = accelerator.Allocate1D<byte>(uploadBytes);
        _images = accelerator.Allocate1D<float>((long)capacity * shape.Length);
        Coefficients = accelerator.Allocate1D<ColorCoefficients>(capacity);
        Scratch = accelerator.Allocate1D<float>(Math.Max(1, scratchLength));
    }

    /// <summary>The device the buffers live on.</summary>
    public Accelerator Accelerator { get; }

    /// <summary>
    /// The stream this batch's copies and kernels run on. Run your training step on it, or call
    /// <see cref="DeviceBatchAugmenter.Complete"/> first (a dataset reader does before it hands the batch out).
    /// </summary>
    public AcceleratorStream Stream { get; }

    /// <summary>One stored image's shape (for batches of decoded images of varying sizes: 0 x 0 and their channels).</summary>
    public ImageShape InputShape { get; }

    /// <summary>Whether the batch holds decoded images of varying sizes (<see cref="DeviceBatchAugmenter.Augment(DecodedImageBatch, long, long, DeviceImageBatch)"/>).</summary>
    public bool IsDecoded { get; }

    /// <summary>One augmented image's shape (rows, columns, channels), whatever the layout.</summary>
    public ImageShape Shape { get; }

    /// <summary>The order of the augmented images' dimensions.</summary>
    public TensorLayout Layout { get; }

    /// <summary>The images the buffers hold at most.</summary>
    public int Capacity { get; }

    /// <summary>The images of the current batch.</summary>
    public int Count { get; internal set; }

    /// <summary>The current batch's uint8 HWC images on the device (a decoded batch's images one after another).</summary>
    public ArrayView1D<byte, Stride1D.Dense> Source => _upload.View.SubView(_parameterBytes + _tableBytes, Math.Max(1, _sourceLength));

    /// <summary>The current batch's random choices on the device, one per image.</summary>
    public ArrayView1D<AugmentationParameters, Stride1D.Dense> Parameters =>
        _upload.View.SubView(0, _parameterBytes).Cast<byte, AugmentationParameters>().SubView(0, Count);

    /// <summary>The current batch's augmented images: <c>Count * Shape.Length</c> floats in <see cref="Layout"/>.</summary>
    public ArrayView1D<float, Stride1D.Dense> Images => _images.View.SubView(0, (long)Count * Shape.Length);

    /// <summary>The whole output buffer (<see cref="Capacity"/> images), for APIs that take a buffer.</summary>
    public MemoryBuffer1D<float, Stride1D.Dense> ImageBuffer => _images;

    /// <summary>The dimensions of the current batch in <see cref="Layout"/>: (N, C, H, W) or (N, H, W, C).</summary>
    public (int N, int D1, int D2, int D3) Dimensions => Layout == TensorLayout.Nchw
        ? (Count, Shape.Channels, Shape.Height, Shape.Width)
        : (Count, Shape.Height, Shape.Width, Shape.Channels);

    internal Span<AugmentationParameters> HostParameters =>
        MemoryMarshal.Cast<byte, AugmentationParameters>(_staging.Span[.._parameterBytes])[..Capacity];

    internal MemoryBuffer1D<ColorCoefficients, Stride1D.Dense> Coefficients { get; }

    /// <summary>A decoded batch's images: where each lies in <see cref="Source"/> and how its region is resampled.</summary>
    internal ArrayView1D<DecodedEntry, Stride1D.Dense> Entries =>
        _upload.View.SubView(_parameterBytes, Math.Max(_tableBytes, 256)).Cast<byte, DecodedEntry>().SubView(0, Math.Max(1, Count));

    internal Span<DecodedEntry> HostEntries => MemoryMarshal.Cast<byte, DecodedEntry>(_staging.Span.Slice(_parameterBytes, _tableBytes))[..Capacity];

    internal MemoryBuffer1D<float, Stride1D.Dense> Scratch { get; }

    /// <summary>
    /// Copies the augmented images to the host once the batch's work is done (for checks and previews; training
    /// reads <see cref="Images"/> on the device).
    /// </summary>
    /// <param name="destination">At least <c>Count * Shape.Length</c> floats.</param>
    public void CopyTo(Span<float> destination)
    {
        Accelerator.Bind();
        Images.CopyToCPU(Stream, destination[..(int)Images.Length]);
    }

    /// <summary>Frees the device and page-locked memory and the stream.</summary>
    public void Dispose()
    {
        Stream.Dispose();
        _staging.Dispose();
        _upload.Dispose();
        _images.Dispose();
        Coefficients.Dispose();
        Scratch.Dispose();
    }

    // The parameters (already drawn into the staging memory) and the images go up in one DMA transfer queued on the
    // stream, so the caller returns while it runs. Only this batch's images travel, not the whole capacity.
    internal void Upload(ReadOnlySpan<byte> images, int count)
    {
        Count = count;
        _sourceLength = images.Length;
        int start = _parameterBytes + _tableBytes;
        StagingCopy.Copy(images, _staging.Span[start..]);
        _upload.View.BaseView.SubView(0, start + images.Length).CopyFrom(Stream, _staging.ArrayView.SubView(0, start + images.Length));
    }

    // Grows the staging and device buffers (only until the largest batch has been seen); the stream must be idle, and
    // what the staging memory held is lost.
    internal void EnsureSourceCapacity(long bytes)
    {
        long needed = _parameterBytes + _tableBytes + bytes;
        if (needed <= _staging.Length)
        {
            return;
        }

        long length = Math.Max(needed, _staging.Length * 2);
        _staging.Dispose();
        _upload.Dispose();
        _staging = Accelerator.AllocatePageLocked1D<byte>(length);
        _upload = Accelerator.Allocate1D<byte>(length);
    }
}
