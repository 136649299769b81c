using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using SchemaGen.Augmentation;

namespace SchemaGen.Gpu;

/// <summary>
/// <see cref="ImageAugmentation"/>'s ops as ILGPU kernels, with the CPU path's results (within 1e-5): the same
/// per-image choices, the same coefficient math. Use it as a dataset's augmenter; each batch's float images stay
/// on the device (<see cref="DeviceImageBatch.Images"/>).
/// <code>
/// using var gpu = GpuAugmentation.Create(augmentation); // CUDA when present, else ILGPU's CPU accelerator
/// foreach (var (batch, images) in dataset.Augment(b => b.Image, new ImageShape(32, 32, 3), gpu))
/// {
///     TrainOnDevice(images.Images, batch.Label[..batch.Count]);
/// }
/// </code>
/// </summary>
/// <remarks>
/// Per batch: one copy of the uint8 images and one of their parameters to the device (from page-locked memory);
/// a one-thread-per-image kernel for each stretch of value ops that reads the image's statistics (contrast,
/// standardization), a one-thread-per-pixel kernel per stretch of HSV ops, and a one-thread-per-value kernel that
/// writes the output through the crop, flips and layout. Crop + flip + normalize is that last kernel alone.
/// </remarks>
public sealed class GpuAugmentation : DeviceBatchAugmenter, IDisposable
{
    private readonly Context? _ownedContext;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _ops;
    private readonly ColorOp[] _colorOps;
    private readonly Action<AcceleratorStream, Index1D, ArrayView<byte>, ArrayView<float>, ArrayView<AugmentationParameters>, ArrayView<int>, ArrayView<ColorCoefficients>, KernelSettings> _prepare;
    private readonly Action<AcceleratorStream, Index1D, ArrayView<byte>, ArrayView<float>, ArrayView<AugmentationParameters>, ArrayView<int>, ArrayView<ColorCoefficients>, KernelSettings> _materialize;
    private readonly Action<AcceleratorStream, Index1D, ArrayView<byte>, ArrayView<float>, ArrayView<AugmentationParameters>, ArrayView<int>, ArrayView<ColorCoefficients>, ArrayView<float>, KernelSettings> _write;
    private readonly Action<AcceleratorStream, Index1D, ArrayView<byte>, ArrayView<DecodedEntry>, ArrayView<AugmentationParameters>, ArrayView<float>, KernelSettings> _resize;

    /// <summary>Compiles the kernels for <paramref name="accelerator"/> (which the caller keeps and disposes).</summary>
    /// <param name="accelerator">The device.</param>
    /// <param name="augmentation">The ops, seed and layout.</param>
    public GpuAugmentation(Accelerator accelerator, ImageAugmentation augmentation)
        : this(accelerator, augmentation, null)
    {
    }

    private GpuAugmentation(Accelerator accelerator, ImageAugmentation augmentation, Context? ownedContext)
        : base(accelerator, augmentation)
    {
        _ownedContext = ownedContext;
        _colorOps = augmentation.ColorOps.ToArray();
        var ops = Array.ConvertAll(_colorOps, op => (int)op);
        _ops = accelerator.Allocate1D<int>(Math.Max(1, ops.Length));
        _ops.View.SubView(0, ops.Length).CopyFromCPU(ops);
        _prepare = accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<byte>, ArrayView<float>, ArrayView<AugmentationParameters>, ArrayView<int>, ArrayView<ColorCoefficients>, KernelSettings>(AugmentationKernels.Prepare);
        _materialize = accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<byte>, ArrayView<float>, ArrayView<AugmentationParameters>, ArrayView<int>, ArrayView<ColorCoefficients>, KernelSettings>(AugmentationKernels.Materialize);
        _write = accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<byte>, ArrayView<float>, ArrayView<AugmentationParameters>, ArrayView<int>, ArrayView<ColorCoefficients>, ArrayView<float>, KernelSettings>(AugmentationKernels.Write);
        _resize = accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<byte>, ArrayView<DecodedEntry>, ArrayView<AugmentationParameters>, ArrayView<float>, KernelSettings>(AugmentationKernels.Resize);
    }

    /// <summary>The accelerator the kernels run on, in words (for logs and benchmarks).</summary>
    public string AcceleratorName => $"{Accelerator.AcceleratorType} ({Accelerator.Name})";

    /// <summary>
    /// Creates an ILGPU context and the best device in it: a CUDA GPU when one is present, else ILGPU's CPU
    /// accelerator. The augmentation owns both and disposes them.
    /// </summary>
    /// <param name="augmentation">The ops, seed and layout.</param>
    /// <param name="preferCpu">Use the CPU accelerator even where there is a GPU.</param>
    /// <returns>The augmentation.</returns>
    public static GpuAugmentation Create(ImageAugmentation augmentation, bool preferCpu = false)
    {
        CudaDriverLibrary.Register();
        var context = Context.Create(builder => builder.Default());
        try
        {
            var accelerator = preferCpu
                ? context.CreateCPUAccelerator(0)
                : context.GetPreferredDevice(preferCPU: false).CreateAccelerator(context);
            return new GpuAugmentation(accelerator, augmentation, context);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>Frees the kernels' constant buffers, and the context and accelerator if <see cref="Create"/> made them.</summary>
    public void Dispose()
    {
        _ops.Dispose();
        if (_ownedContext is not null)
        {
            Accelerator.Dispose();
            _ownedContext.Dispose();
        }
    }

    /// <inheritdoc/>
    protected override long ScratchLength(ImageShape input, int capacity) =>
        Augmentation.HasHsvOps || Augmentation.Sizing is not null ? (long)capacity * Augmentation.OutputShape(input).Length : 0;

    /// <inheritdoc/>
    protected override void Launch(DeviceImageBatch batch)
    {
        // A decoded batch is first resized into the scratch (values on the [0, 1] scale); the ops then run over it.
        var geometryInput = batch.IsDecoded ? batch.Shape : batch.InputShape;
        var settings = new KernelSettings
        {
            Geometry = new ImageGeometry(geometryInput, batch.Shape.Height, batch.Shape.Width, batch.IsDecoded ? 0 : Augmentation.CropPadding),
            Normalization = Augmentation.Normalization(),
            InputLength = batch.InputShape.Length,
            OutputLength = batch.Shape.Length,
            Nchw = batch.Layout == TensorLayout.Nchw ? 1 : 0,
        };
        var stream = batch.Stream;
        var (source, scratch, parameters, ops, coefficients) =
            (batch.Source.BaseView, batch.Scratch.View.BaseView, batch.Parameters.BaseView, _ops.View.BaseView, batch.Coefficients.View.BaseView);
        int count = batch.Count, start = 0;
        if (batch.IsDecoded)
        {
            _resize(stream, count * batch.Shape.Length, source, batch.Entries.BaseView, parameters, scratch, settings);
            settings.Materialized = 1;
        }

        while (true)
        {
            int hsv = start;
            while (hsv < _colorOps.Length && !ColorMath.IsHsv(_colorOps[hsv]))
            {
                hsv++;
            }

            settings.AffineFirst = start;
            settings.AffineEnd = hsv;
            settings.ComposeInline = NeedsMoments(start, hsv) ? 0 : 1;
            if (settings.ComposeInline == 0)
            {
                _prepare(stream, count, source, scratch, parameters, ops, coefficients, settings);
            }

            if (hsv == _colorOps.Length)
            {
                break;
            }

            int end = hsv;
            while (end < _colorOps.Length && ColorMath.IsHsv(_colorOps[end]))
            {
                end++;
            }

            settings.HsvFirst = hsv;
            settings.HsvEnd = end;
            _materialize(stream, count * batch.Shape.Pixels, source, scratch, parameters, ops, coefficients, settings);
            settings.Materialized = 1;
            start = end;
        }

        _write(stream, (int)batch.Images.Length, source, scratch, parameters, ops, coefficients, batch.Images.BaseView, settings);
    }

    private bool NeedsMoments(int first, int end)
    {
        for (int i = first; i < end; i++)
        {
            if (ColorMath.NeedsMoments(_colorOps[i]))
            {
                return true;
            }
        }

        return false;
    }
}
