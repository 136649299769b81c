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
/// <item>Batch <c>s</c> lives in slot <c>s mod n</c> from filling to its return, and the ring holds at most <c>n</c>
/// batches, the one being filled and the lent one included. Three counters only grow, <c>taken ≤ claimed ≤ filled</c>:
/// batch <c>s</c> is queued while <c>claimed ≤ s &lt; filled</c>, being parsed or parsed
/// (<see cref="BatchSlot{TBatch, TOutput}.Parsed"/>) while <c>taken ≤ s &lt; claimed</c>, and batch <c>taken − 1</c> is
/// lent to the consumer until its next take returns it.</item>
/// <item>Counters, flags and <c>Parsed</c> change under <c>_gate</c>. A slot's contents are touched outside it, by the
/// one role rule 1 gives the slot to: the reading thread fills, one parser parses, the consumer reads its lease.</item>
/// <item>Each role waits on its own wake-up and is woken only when it has something to do, which matters with fewer
/// cores than threads: the reading thread on <c>_free</c> (a permit per free slot, freed in sequence, so a permit
/// means slot <c>filled mod n</c> is free), parsers on <c>_queued</c> (a permit per queued batch, and one per parser at
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
    private readonly BatchSlot<TBatch, TOutput>[] _slots;
    private readonly RecordBufferPool _pool;
    private readonly int _parsers;
    private readonly CancellationToken _cancellationToken;
    private readonly SemaphoreSlim _free;
    private readonly SemaphoreSlim _queued = new(0);
    private readonly ConsumerWait _consumer = new();
    private long _filled;
    private long _claimed;
    private long _taken;
    private BatchSlot<TBatch, TOutput>? _lent;
    private bool _inputEnded;
    private Exception? _inputFault;
    private Exception? _parserFault;
    private volatile bool _stopping;

    /// <param name="slots">The ring's size.</param>
    /// <param name="parsers">The parsing threads.</param>
    /// <param name="batchSize">The rows per batch.</param>
    /// <param name="stage">What each slot's output is made by.</param>
    /// <param name="pool">Where the slots' records go back to.</param>
    /// <param name="cancellationToken">The consumer's token: a stop it caused is thrown as its cancellation.</param>
    public BatchRing(int slots, int parsers, int batchSize, IBatchStage<TBatch, TOutput> stage, RecordBufferPool pool, CancellationToken cancellationToken)
    {
        _pool = pool;
        _slots = new BatchSlot<TBatch, TOutput>[slots];
        for (int i = 0; i < slots; i++)
        {
            _slots[i] = new(batchSize, stage);
        }

        _free = new SemaphoreSlim(slots);
        _parsers = parsers;
        _cancellationToken = cancellationToken;
    }

    // Reading thread ----------------------------------------------------------------------------------------------

    /// <summary>Waits for slot <c>filled mod n</c> to be free; false on stop.</summary>
    public bool WaitForFreeSlot(out BatchSlot<TBatch, TOutput> slot)
    {
        _free.Wait();

        // Only this thread moves `filled`, so it reads it without the lock.
        slot = _slots[_filled % _slots.Length];
        return !_stopping;
    }

    /// <summary>Queues the slot just filled for a parser.</summary>
    public void Filled(BatchSlot<TBatch, TOutput> slot)
    {
        lock (_gate)
        {
            slot.Parsed = false;
            slot.Fault = null;
            _filled++;
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
            slot = _stopping || _claimed == _filled ? null : _slots[_claimed++ % _slots.Length];
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
            if (slot == _slots[_taken % _slots.Length])
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
        while (true)
        {
            lock (_gate)
            {
                if (_lent is not null)
                {
                    _lent = null;
                    _free.Release();
                }

                ThrowIfStoppedOrFailed();
                if (NextIsParsed)
                {
                    var next = _slots[_taken % _slots.Length];
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
        _free.Dispose();
        _queued.Dispose();
        _consumer.Dispose();
        foreach (var slot in _slots)
        {
            slot.Release(_pool);
        }
    }

    private bool NextIsParsed => _taken < _filled && _slots[_taken % _slots.Length].Parsed;

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
