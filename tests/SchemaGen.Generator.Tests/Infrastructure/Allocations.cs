namespace SchemaGen.Generator.Tests.Infrastructure;

internal static class Allocations
{
    /// <summary>Bytes the current thread allocates running <paramref name="action"/> (after a warm-up run).</summary>
    public static long Of(Action action)
    {
        action();
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
