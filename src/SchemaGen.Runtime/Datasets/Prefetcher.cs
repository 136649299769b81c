using System.Runtime.ExceptionServices;

namespace SchemaGen;

/// <summary>
/// Runs a batch reader's pipeline on its own threads: one reads records into raw batches (the sequential,
/// seeded part), <c>parallelism</c> workers parse whole batches, and the consumer takes them in sequence order.
/// </summary>
/// <remarks>
/// Batch <c>s</c> lives in slot <c>s mod n</c> of a ring from reading to parsing to being lent to the consumer,
/// so memory is bounded by the ring, and the order (and each batch's rows) does not depend on which worker parsed
/// what: the same seed gives the same batches for any degree of parallelism. A batch's error (a parse error) is
/// kept in its slot and thrown when the consumer reaches that batch; a reading error after the batches read before
/// it. State changes happen under one lock (a few per batch); each role waits on its own semaphore and is woken
/// only when there is something for it (a free slot, a queued batch, the next batch in order), which matters on
/// a machine with fewer cores than threads.
/// </remarks>
internal sealed class Prefetcher<TBatch> : IBatchSource<TBatch>
    where TBatch : class, ITfExampleBatch<TBatch>
{
    private readonly object _gate = new();
    private readonly Slot[] _slots;
    private readonly RecordPipeline _pipeline;
    private readonly RecordBufferPool _pool;
    private readonly DatasetFile[] _files;
    private readonly BatchStage<TBatch>? _stage;
    private readonly int _batchSize;
    private readonly CancellationToken _cancellationToken;
    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenRegistration _wakeOnStop;
    private readonly Thread[] _threads;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly AsyncSignal _consumerSignal = new();
    private readonly SemaphoreSlim _freeSlots;
    private readonly SemaphoreSlim _queuedBatches = new(0);
    private readonly SemaphoreSlim _consumerWake = new(0);
    private readonly int _parsers;
    private volatile bool _stopping;
    private bool _consumerArmed;
    private bool _consumerBlocked;
    private long _produced;
    private long _claimed;
    private long _consumed;
    private bool _producerDone;
    private Exception? _producerFault;
    private Exception? _workerFault;
    private Slot? _lent;
    private int _running;
    private int _disposed;

    public Prefetcher(
        RecordPipeline pipeline, RecordBufferPool pool, DatasetFile[] files, int batchSize, int prefetch, int parallelism, BatchStage<TBatch>? stage, CancellationToken cancellationToken)
    {
        _pipeline = pipeline;
        _pool = pool;
        _files = files;
        _stage = stage;
        _batchSize = batchSize;
        _cancellationToken = cancellationToken;

        // Ready batches, batches being parsed, one being read and one lent to the consumer.
        _slots = new Slot[prefetch + parallelism + 2];
        for (int i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new Slot(new RawBatch(batchSize), TBatch.Create(batchSize), stage?.CreateOutput(batchSize));
        }

        _freeSlots = new SemaphoreSlim(_slots.Length);
        _parsers = parallelism;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _threads = new Thread[1 + parallelism];
        _threads[0] = new Thread(Produce) { IsBackground = true, Name = "SchemaGen dataset reader" };
        for (int i = 1; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(Parse) { IsBackground = true, Name = "SchemaGen dataset parser" };
        }

        _running = _threads.Length;
        _wakeOnStop = _stop.Token.UnsafeRegister(static state => ((Prefetcher<TBatch>)state!).Stop(), this);
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    private enum SlotState
    {
        Free,
        Filling,
        Queued,
        Parsing,
        Ready,
        Lent,
    }

    /// <summary>The threads this source started (for tests: none may outlive <see cref="Dispose"/>).</summary>
    internal IReadOnlyList<Thread> Threads => _threads;

    /// <summary>How many of <see cref="Threads"/> have not yet exited.</summary>
    internal int RunningThreads => Volatile.Read(ref _running);

    public BatchTake Take(bool block, out TBatch? batch, out object? output, out long epoch, out long index, out ValueTask wait)
    {
        wait = default;
        output = null;
        while (true)
        {
            lock (_gate)
            {
                if (_lent is { } lent)
                {
                    lent.State = SlotState.Free;
                    _lent = null;
                    _freeSlots.Release();
                }

                if (_stopping)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    throw new ObjectDisposedException(GetType().Name);
                }

                if (_workerFault is not null)
                {
                    ExceptionDispatchInfo.Throw(_workerFault);
                }

                var slot = _slots[_consumed % _slots.Length];
                if (slot.State == SlotState.Ready && slot.Sequence == _consumed)
                {
                    _consumed++;
                    slot.State = SlotState.Lent;
                    _lent = slot;
                    if (slot.Fault is not null)
                    {
                        ExceptionDispatchInfo.Throw(slot.Fault);
                    }

                    (batch, output, epoch, index) = (slot.Batch, slot.Output, slot.Raw.Epoch, slot.Raw.Index);
                    return BatchTake.Batch;
                }

                if (_producerDone && _consumed == _produced)
                {
                    if (_producerFault is not null)
                    {
                        ExceptionDispatchInfo.Throw(_producerFault);
                    }

                    (batch, epoch, index) = (null, 0, 0);
                    return BatchTake.End;
                }

                if (!block)
                {
                    _consumerArmed = true;
                    wait = _consumerSignal.Arm();
                    (batch, epoch, index) = (null, 0, 0);
                    return BatchTake.Wait;
                }

                _consumerBlocked = true;
            }

            _consumerWake.Wait();
        }
    }

    /// <summary>Stops the threads and waits for them to exit, then returns every buffer.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        Release();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _exited.Task.ConfigureAwait(false);
        Release();
    }

    private void Produce()
    {
        try
        {
            while (true)
            {
                // The consumer frees slots in sequence order, so a permit means the next slot in the ring is free.
                _freeSlots.Wait();
                if (_stopping)
                {
                    return;
                }

                var slot = _slots[_produced % _slots.Length];
                bool filled = _pipeline.TryFill(slot.Raw, _stop.Token);
                lock (_gate)
                {
                    if (filled)
                    {
                        slot.Sequence = _produced++;
                        slot.Fault = null;
                        slot.State = SlotState.Queued;
                    }
                    else
                    {
                        _producerDone = true;
                        WakeConsumerLocked();
                    }
                }

                // One permit per batch; at the end one more per parser, each of which then finds nothing left and exits.
                _queuedBatches.Release(filled ? 1 : _parsers);
                if (!filled)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped while reading: Dispose returns the half-filled batch's buffers.
        }
        catch (Exception exception)
        {
            lock (_gate)
            {
                _producerFault = exception;
                _producerDone = true;
                WakeConsumerLocked();
            }

            _queuedBatches.Release(_parsers);
        }
        finally
        {
            Exited();
        }
    }

    private void Parse()
    {
        try
        {
            while (true)
            {
                _queuedBatches.Wait();
                Slot slot;
                lock (_gate)
                {
                    if (_stopping || _claimed == _produced)
                    {
                        return;
                    }

                    slot = _slots[_claimed++ % _slots.Length];
                    slot.State = SlotState.Parsing;
                }

                try
                {
                    BatchParser.Parse(slot.Raw, slot.Batch, _files);
                    _stage?.Run(slot.Batch, slot.Output!, slot.Raw.Epoch, slot.Raw.Index, _batchSize);
                }
                catch (Exception exception)
                {
                    slot.Fault = exception;
                }
                finally
                {
                    slot.Raw.Release(_pool);
                }

                lock (_gate)
                {
                    slot.State = SlotState.Ready;
                    if (slot.Sequence == _consumed)
                    {
                        WakeConsumerLocked();
                    }
                }
            }
        }
        catch (Exception exception)
        {
            // Not a record's error (those stay with their batch): the worker itself failed, so nothing is in order any more.
            lock (_gate)
            {
                _workerFault ??= exception;
                WakeConsumerLocked();
            }
        }
        finally
        {
            Exited();
        }
    }

    // Wakes the consumer if it waits, blocked or awaiting. Called with the lock held.
    private void WakeConsumerLocked()
    {
        if (_consumerBlocked)
        {
            _consumerBlocked = false;
            _consumerWake.Release();
        }

        if (_consumerArmed)
        {
            // Set while holding the lock: the consumer cannot re-arm before this set, and continuations run on the pool.
            _consumerArmed = false;
            _consumerSignal.Set();
        }
    }

    // Cancellation or Dispose: every thread is woken and sees the flag.
    private void Stop()
    {
        lock (_gate)
        {
            _stopping = true;
            WakeConsumerLocked();
        }

        _freeSlots.Release();
        _queuedBatches.Release(_parsers);
    }

    private void Exited()
    {
        if (Interlocked.Decrement(ref _running) == 0)
        {
            _exited.TrySetResult();
        }
    }

    private void Release()
    {
        _wakeOnStop.Dispose();
        _stop.Dispose();
        _freeSlots.Dispose();
        _queuedBatches.Dispose();
        _consumerWake.Dispose();
        foreach (var slot in _slots)
        {
            slot.Raw.Release(_pool);
            BatchStage<TBatch>.Release(slot.Output);
        }

        _pipeline.Dispose();
    }

    private sealed class Slot(RawBatch raw, TBatch batch, object? output)
    {
        public object? Output { get; } = output;

        public RawBatch Raw { get; } = raw;

        public TBatch Batch { get; } = batch;

        public SlotState State { get; set; }

        public long Sequence { get; set; } = -1;

        public Exception? Fault { get; set; }
    }
}
