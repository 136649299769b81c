using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

namespace SchemaGen.Gpu.Tests;

/// <summary>One ILGPU CPU accelerator for the test class (how the kernels run on a machine without a GPU).</summary>
public sealed class AcceleratorFixture : IDisposable
{
    private readonly Context _context = Context.Create(builder => builder.Default());

    public AcceleratorFixture() => Accelerator = _context.CreateCPUAccelerator(0);

    public Accelerator Accelerator { get; }

    public void Dispose()
    {
        Accelerator.Dispose();
        _context.Dispose();
    }
}
