using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using SchemaGen.Schema;

namespace SchemaGen.Datasets;

/// <summary>
/// The slots a <see cref="Prefetcher{TBatch, TOutput}"/>'s threads pass batches through: the reading thread fills
/// them in sequence, parsers claim them in sequence and finish in any order, the consumer takes them in sequence.
/// </summary>
/// <remarks>
/// The invariants, all of them (the methods below only keep them):
/// <list type="number">
/// <item>The ring holds at most <c>k</c> batches, the one being filled and the lent one included, each in its own
/// slot: <c>k</c> is fixed (an explicit prefetch depth) or grows (a <see cref="PrefetchTuner"/>), never past the
/// window's size <c>n</c>. Slots are made when first needed and kept, so no more than <c>k</c> are ever made; a
/// returned slot waits in the spare queue for the next batch. Batch <c>s</c> is in <c>window[s mod n]</c> from its
/// filling to its return. Three counters only grow, <c>taken ≤ claimed ≤ filled</c>:
/// batch <c>s</c> is queued while <c>claimed ≤ s &lt; filled</c>, being parsed or parsed
/// (<see cref="BatchSlot{TBatch, TOutput}.Parsed"/>) while <c>taken ≤ s &lt; claimed</c>, and batch <c>taken − 1</c> is
/// lent to the consumer until its next take returns it.</item>
/// <item>Counters, flags and <c>Parsed</c> change under <c>_gate</c>. A slot's contents are touched outside it, by the
/// one role rule 1 gives the slot to: the reading thread fills, one parser parses, the consumer reads its lease.</item>
/// <item>Each role waits on its own wake-up and is woken only when it has something to do, which matters with fewer
/// cores than threads: the reading thread on <c>_free</c> (a permit per batch the ring may still take in: <c>k</c>
/// less the batches in it; the tuner adds permits as it deepens <c>k</c>), parsers on <c>_queued</c> (a permit per queued batch, and one per parser at
/// the end or on stop), the consumer on <c>_consumer</c> (woken when batch <c>taken</c> is parsed, or on the end,
/// a failure or stop).</item>
/// <item>The consumer takes batch <c>taken</c> only once it is parsed, so the batches and their order do not depend on
/// which parser ran what. A batch's error stays in its slot and is thrown when the consumer reaches that batch; a
/// reading error after every batch filled before it; a parser's own failure, or a stop, at once.</item>
/// </list>
/// </remarks>
internal sealed class BatchRing<TBatch, TOutput> : IDisposable
    where TBatch : class, ITfExampleBatch<TBatch>
{
    private readonly object _gate = new();
    private readonly BatchSlot<TBatch, TOutput>?[] _window;
    private readonly BatchSlot<TBatch, TOutput>[] _spare;
    private readonly List<BatchSlot<TBatch, TOutput>> _made;
    private readonly int _batchSize;
    private readonly IBatchStage<TBatch, TOutput> _stage;
    private readonly PrefetchTuner? _tuner;
    private readonly RecordBufferPool _pool;
    private readonly int _parsers;
    private readonly CancellationToken _cancellationToken;
    private readonly BlockingPermits _free;
    private readonly BlockingPermits _queued = new(0);
    private readonly ConsumerWait _consumer = new();
    private long _filled;
    private long _claimed;
    private long _taken;
    private BatchSlot<TBatch, TOutput>? _lent;
    private int _spareHead;
    private int _spareCount;
    private long _slotBytes;
    private long _recordBytes;
    private bool _inputEnded;
    private Exception? _inputFault;
    private Exception? _parserFault;
    private volatile bool _stopping;

    /// <param name="prefetch">The batches to keep ready ahead of the consumer, or null to let a <see cref="PrefetchTuner"/> choose.</param>
    /// <param name="parsers">The parsing threads.</param>
    /// <param name="batchSize">The rows per batch.</param>
    /// <param name="stage">What each slot's output is made by.</param>
    /// <param name="pool">Where the slots' records go back to.</param>
    /// <param name="cancellationToken">The consumer's token: a stop it caused is thrown as its cancellation.</param>
    public BatchRing(int? prefetch, int parsers, int batchSize, IBatchStage<TBatch, TOutput> stage, RecordBufferPool pool, CancellationToken cancellationToken)
    {
        // Ready batches, batches being parsed, one being read and one lent to the consumer.
        int slots = prefetch is int depth ? depth + parsers + 2 : 0;
        if (prefetch is null)
        {
            _tuner = new PrefetchTuner(parsers);
            slots = _tuner.Slots;
        }

        int window = _tuner?.MaxSlots ?? slots;
        _window = new BatchSlot<TBatch, TOutput>?[window];
        _spare = new BatchSlot<TBatch, TOutput>[window];
        _made = new(window);
        _batchSize = batchSize;
        _stage = stage;
        _pool = pool;
        _free = new BlockingPermits(slots);
        _parsers = parsers;
        _cancellationToken = cancellationToken;
    }

    /// <summary>How many slots the ring has made so far (for tests: never more than its depth allows).</summary>
    internal int SlotsMade
    {
        get
        {
            lock (_gate)
            {
                return _made.Count;
            }
        }
    }

    /// <summary>The autotuned prefetch depth now, or null for a fixed one.</summary>
    internal int? TunedDepth
    {
        get
        {
            lock (_gate)
            {
                return _tuner?.Depth;
            }
        }
    }

    // Reading thread ----------------------------------------------------------------------------------------------

    /// <summary>Waits until the ring may take in another batch and gives a slot for it; false on stop.</summary>
    public bool WaitForFreeSlot([NotNullWhen(true)] out BatchSlot<TBatch, TOutput>? slot)
    {
        _free.Wait();
        slot = null;
        if (_stopping)
        {
            return false;
        }

        lock (_gate)
        {
            // Oldest first: every slot made takes batches in turn and so reaches its batches' size during warm-up; a
            // stack would leave the deepest slots idle until a rare deep moment grew their buffers in steady state.
            if (_spareCount > 0)
            {
                slot = _spare[_spareHead];
                _spareHead = (_spareHead + 1) % _spare.Length;
                _spareCount--;
            }
        }

        // Only this thread makes slots, outside the lock: a new one allocates its batch and output.
        slot ??= Make();
        return true;
    }

    /// <summary>Queues the slot just filled for a parser, as batch <c>filled</c>.</summary>
    public void Filled(BatchSlot<TBatch, TOutput> slot)
    {
        long recordBytes = 0;
        if (_tuner is not null)
        {
            foreach (ref readonly var record in slot.Raw.Records.AsSpan(0, slot.Raw.Count))
            {
                recordBytes += record.Length;
            }
        }

        lock (_gate)
        {
            slot.Parsed = false;
            slot.Fault = null;
            _window[_filled % _window.Length] = slot;
            _filled++;
            _recordBytes = Math.Max(_recordBytes, recordBytes);
        }

        _queued.Release();
    }

    /// <summary>No more batches: the input ended, or failed with <paramref name="fault"/>.</summary>
    public void InputEnded(Exception? fault = null)
    {
        lock (_gate)
        {
            _inputEnded = true;
            _inputFault = fault;
            _consumer.Wake();
        }

        _queued.Release(_parsers);
    }

    // Parsers -----------------------------------------------------------------------------------------------------

    /// <summary>Waits for a queued batch and claims it; false at the end or on stop.</summary>
    public bool WaitForQueued([NotNullWhen(true)] out BatchSlot<TBatch, TOutput>? slot)
    {
        _queued.Wait();
        lock (_gate)
        {
            slot = _stopping || _claimed == _filled ? null : _window[_claimed++ % _window.Length];
            return slot is not null;
        }
    }

    /// <summary>Marks a claimed batch parsed, with its error if it has one.</summary>
    public void Parsed(BatchSlot<TBatch, TOutput> slot, Exception? fault)
    {
        lock (_gate)
        {
            slot.Fault = fault;
            slot.Parsed = true;
            if (slot == _window[_taken % _window.Length])
            {
                _consumer.Wake();
            }
        }
    }

    /// <summary>A parser failed outside any batch: nothing after this can be trusted to come in order.</summary>
    public void ParserFailed(Exception fault)
    {
        lock (_gate)
        {
            _parserFault ??= fault;
            _consumer.Wake();
        }
    }

    // Consumer ----------------------------------------------------------------------------------------------------

    /// <summary>
    /// Returns the lent batch and takes the next. With <paramref name="block"/> it waits and never answers
    /// <see cref="BatchTake.Wait"/>; without, <see cref="BatchTake.Wait"/> means: await <see cref="WhenReady"/>, then take again.
    /// </summary>
    public BatchTake Take(bool block, out BatchLease<TBatch, TOutput> lease)
    {
        bool tuned = _tuner is null;
        while (true)
        {
            lock (_gate)
            {
                if (_lent is not null)
                {
                    _spare[(_spareHead + _spareCount++) % _spare.Length] = _lent;
                    _lent = null;
                    _free.Release();
                }

                ThrowIfStoppedOrFailed();
                if (!tuned)
                {
                    // Once per take, with what the consumer found on arrival.
                    tuned = true;
                    Deepen(_tuner!.RecordTake(Ready(), _slotBytes + _recordBytes));
                }

                if (NextIsParsed)
                {
                    var next = _window[_taken % _window.Length]!;
                    _taken++;
                    _lent = next;
                    if (next.Fault is not null)
                    {
                        ExceptionDispatchInfo.Throw(next.Fault);
                    }

                    lease = next.Lease;
                    return BatchTake.Batch;
                }

                if (AllTaken)
                {
                    if (_inputFault is not null)
                    {
                        ExceptionDispatchInfo.Throw(_inputFault);
                    }

                    lease = default;
                    return BatchTake.End;
                }

                if (!block)
                {
                    lease = default;
                    return BatchTake.Wait;
                }

                _consumer.PrepareBlock();
            }

            _consumer.Block();
        }
    }

    /// <summary>Completes when a <see cref="Take"/> would not answer <see cref="BatchTake.Wait"/>.</summary>
    public ValueTask WhenReady()
    {
        lock (_gate)
        {
            return _stopping || _parserFault is not null || NextIsParsed || AllTaken ? default : _consumer.Arm();
        }
    }

    // Any thread --------------------------------------------------------------------------------------------------

    /// <summary>Cancellation or dispose: every role is woken and sees the flag.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopping = true;
            _consumer.Wake();
        }

        _free.Release();
        _queued.Release(_parsers);
    }

    /// <summary>Once every thread has exited: returns every slot's records and output.</summary>
    public void Dispose()
    {
        foreach (var slot in _made)
        {
            slot.Release(_pool);
        }
    }

    private bool NextIsParsed => _taken < _filled && _window[_taken % _window.Length]!.Parsed;

    // The batches parsed and waiting in order for the consumer.
    private int Ready()
    {
        int ready = 0;
        for (long s = _taken; s < _filled && _window[s % _window.Length]!.Parsed; s++)
        {
            ready++;
        }

        return ready;
    }

    // The tuner deepened the ring: the reading thread may take in that many more batches (slots are made as needed).
    private void Deepen(int slots)
    {
        if (slots > 0 && !_stopping)
        {
            _free.Release(slots);
        }
    }

    // A slot's batch and output, and what making them allocated: the tuner's estimate of a batch's memory (with the
    // largest batch of records seen, which variable-length columns copy).
    private BatchSlot<TBatch, TOutput> Make()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var slot = new BatchSlot<TBatch, TOutput>(_batchSize, _stage);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        lock (_gate)
        {
            _made.Add(slot);
            _slotBytes = Math.Max(_slotBytes, bytes);
        }

        return slot;
    }

    private bool AllTaken => _inputEnded && _taken == _filled;

    private void ThrowIfStoppedOrFailed()
    {
        if (_stopping)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            throw new ObjectDisposedException(nameof(BatchReader<TBatch>));
        }

        if (_parserFault is not null)
        {
            ExceptionDispatchInfo.Throw(_parserFault);
        }
    }
}
