using System.Threading.Tasks.Sources;

namespace SchemaGen.Datasets;

/// <summary>
/// Where the one consumer of a <see cref="BatchRing{TBatch, TOutput}"/> waits for its next batch: blocking a thread,
/// or awaited without one and without allocating (a reusable <see cref="IValueTaskSource"/>). The ring prepares and
/// wakes it under its lock, so a wake-up between the consumer's check and its wait is never lost.
/// </summary>
internal sealed class ConsumerWait : IValueTaskSource
{
    private readonly BlockingPermits _blocked = new(0);

    // Continuations run on the thread pool, never inline on the worker that wakes the consumer.
    private ManualResetValueTaskSourceCore<bool> _awaited = new() { RunContinuationsAsynchronously = true };
    private bool _blocking;
    private bool _armed;

    /// <summary>Says the consumer will block; it then calls <see cref="Block"/> outside the lock. Under the lock.</summary>
    public void PrepareBlock() => _blocking = true;

    public void Block() => _blocked.Wait();

    /// <summary>Arms the awaitable form and returns the wait. Under the lock.</summary>
    public ValueTask Arm()
    {
        _armed = true;
        _awaited.Reset();
        return new ValueTask(this, _awaited.Version);
    }

    /// <summary>Wakes the consumer if it waits, in either form; at most one wake per wait. Under the lock.</summary>
    public void Wake()
    {
        if (_blocking)
        {
            _blocking = false;
            _blocked.Release();
        }

        if (_armed)
        {
            _armed = false;
            _awaited.SetResult(true);
        }
    }

    void IValueTaskSource.GetResult(short token) => _awaited.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _awaited.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _awaited.OnCompleted(continuation, state, token, flags);
}
