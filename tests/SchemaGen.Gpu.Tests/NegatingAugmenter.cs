using ILGPU;
using ILGPU.Runtime;
using SchemaGen.Augmentation;

namespace SchemaGen.Gpu.Tests;

/// <summary>A user's own kernel behind the hook: each output value is minus its source byte.</summary>
internal sealed class NegatingAugmenter : DeviceBatchAugmenter, IDisposable
{
    private readonly Action<AcceleratorStream, Index1D, ArrayView<byte>, ArrayView<float>> _kernel;

    public NegatingAugmenter(Accelerator accelerator, ImageAugmentation augmentation)
        : base(accelerator, augmentation) =>
        _kernel = accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<byte>, ArrayView<float>>(Negate);

    public void Dispose()
    {
    }

    protected override void Launch(DeviceImageBatch batch) =>
        _kernel(batch.Stream, (int)batch.Images.Length, batch.Source.BaseView, batch.Images.BaseView);

    private static void Negate(Index1D index, ArrayView<byte> source, ArrayView<float> destination) => destination[index] = -(float)source[index];
}
