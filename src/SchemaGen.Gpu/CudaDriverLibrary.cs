using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace SchemaGen.Gpu;

/// <summary>
/// Lets ILGPU find the CUDA driver where only <c>libcuda.so.1</c> is installed. ILGPU imports "cuda", which .NET
/// looks up as <c>libcuda.so</c>: a symbolic link that only the CUDA toolkit's development files create, so driver-only
/// machines and containers would silently fall back to the CPU accelerator.
/// </summary>
internal static class CudaDriverLibrary
{
    private static int _registered;

    public static void Register()
    {
        if (OperatingSystem.IsLinux() && Interlocked.Exchange(ref _registered, 1) == 0)
        {
            AssemblyLoadContext.Default.ResolvingUnmanagedDll += Resolve;
        }
    }

    private static IntPtr Resolve(Assembly assembly, string name) =>
        name == "cuda" && NativeLibrary.TryLoad("libcuda.so.1", out var handle) ? handle : IntPtr.Zero;
}
