using System.Threading.Tasks.Sources;

namespace SchemaGen;

/// <summary>
/// A reusable awaitable that one waiter arms and another thread sets: an async consumer waits on it without
/// allocating. The owner arms and sets it under its own lock, at most one set per arm.
/// </summary>
internal sealed class AsyncSignal : IValueTaskSource
{
    // Continuations run on the thread pool, never inline on the worker that sets the signal.
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };

    /// <summary>Arms the signal and returns the wait for it.</summary>
    public ValueTask Arm()
    {
        _core.Reset();
        return new ValueTask(this, _core.Version);
    }

    public void Set() => _core.SetResult(true);

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
