namespace SchemaGen.Runtime.Tests.Datasets;

/// <summary>
/// What the whole process allocates while a step runs, the least of several windows: the test host reports results
/// on its own threads (JSON, reflection), which no one window can be sure to miss, while anything the code under test
/// allocates per step shows in every window. Whole-process bytes, so the dataset's worker threads count too.
/// </summary>
internal static class AllocationWindows
{
    public static long Least(int windows, Action step)
    {
        // The previous test's result is still being reported when this one starts, and on a machine busy with other
        // test processes that report can outlast a window: let it finish first.
        Thread.Sleep(250);
        long least = long.MaxValue;
        for (int window = 0; window < windows; window++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            step();
            least = Math.Min(least, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        return least;
    }
}
