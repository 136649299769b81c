namespace SchemaGen.Datasets;

/// <summary>
/// A counting semaphore for the threads of a <see cref="BatchRing{TBatch, TOutput}"/> that spins only a few
/// microseconds before it blocks, and never yields. <see cref="SemaphoreSlim"/> spins 140 rounds first, most of them
/// <c>sched_yield</c> or <c>Sleep(0)</c> calls: on a machine with no more cores than busy workers each of those rounds
/// is taken from a worker, and the reading thread and the consumer wait once per batch each.
/// </summary>
internal sealed class BlockingPermits(int initialCount)
{
    private readonly object _gate = new();
    private int _count = initialCount;
    private int _waiting;

    /// <summary>The permits left now (for tests and diagnostics).</summary>
    public int CurrentCount => Volatile.Read(ref _count);

    /// <summary>Takes a permit, waiting for one if there is none.</summary>
    public void Wait()
    {
        // A permit released within a few microseconds is worth a short spin; a longer wait is not worth a core.
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _count) == 0 && !spinner.NextSpinWillYield)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        lock (_gate)
        {
            while (_count == 0)
            {
                _waiting++;
                Monitor.Wait(_gate);
                _waiting--;
            }

            _count--;
        }
    }

    /// <summary>Adds <paramref name="count"/> permits and wakes as many waiting threads.</summary>
    public void Release(int count = 1)
    {
        lock (_gate)
        {
            _count += count;
            for (int i = 0; i < Math.Min(count, _waiting); i++)
            {
                Monitor.Pulse(_gate);
            }
        }
    }
}
