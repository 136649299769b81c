using SchemaGen.Schema;

namespace SchemaGen.Datasets;

/// <summary>
/// Runs a batch reader's pipeline on its own threads: one reads records into raw batches (the sequential, seeded
/// part), <c>parallelism</c> workers parse whole batches and run the stage, and the consumer takes them in sequence
/// order. The threads pass batches through a <see cref="BatchRing{TBatch, TOutput}"/>, which states the rules.
/// </summary>
/// <remarks>
/// Memory is bounded by the ring (a fixed prefetch depth, or one a <see cref="PrefetchTuner"/> chooses within its
/// bound), and the same seed gives the same batches for any degree of parallelism. Threads,
/// not tasks: parsing is long CPU work, and a blocked role costs no pool thread.
/// </remarks>
internal sealed class Prefetcher<TBatch, TOutput> : IBatchSource<TBatch, TOutput>
    where TBatch : class, ITfExampleBatch<TBatch>
{
    private readonly BatchRing<TBatch, TOutput> _ring;
    private readonly RecordPipeline _pipeline;
    private readonly BatchWork<TBatch, TOutput> _work;
    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenRegistration _stopOnCancel;
    private readonly Thread[] _threads;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;
    private int _disposed;

    public Prefetcher(
        RecordPipeline pipeline, BatchWork<TBatch, TOutput> work, int batchSize, int prefetch, int parallelism, CancellationToken cancellationToken)
    {
        _pipeline = pipeline;
        _work = work;

        _ring = new BatchRing<TBatch, TOutput>(
            prefetch == TfRecordDataset.Autotune ? null : prefetch, parallelism, batchSize, work.Stage, work.Pool, cancellationToken);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _threads = new Thread[1 + parallelism];
        _threads[0] = new Thread(Read) { IsBackground = true, Name = "SchemaGen dataset reader" };
        for (int i = 1; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(Parse) { IsBackground = true, Name = "SchemaGen dataset parser" };
        }

        _running = _threads.Length;
        _stopOnCancel = _stop.Token.UnsafeRegister(static state => ((BatchRing<TBatch, TOutput>)state!).Stop(), _ring);
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>The threads this source started (for tests: none may outlive <see cref="Dispose"/>).</summary>
    internal IReadOnlyList<Thread> Threads => _threads;

    /// <summary>How many of <see cref="Threads"/> have not yet exited.</summary>
    internal int RunningThreads => Volatile.Read(ref _running);

    /// <summary>The ring (for tests: the slots it made and its tuned depth).</summary>
    internal BatchRing<TBatch, TOutput> Ring => _ring;

    public BatchTake Take(bool block, out BatchLease<TBatch, TOutput> lease) => _ring.Take(block, out lease);

    public ValueTask WhenReady() => _ring.WhenReady();

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

    private void Read()
    {
        try
        {
            while (_ring.WaitForFreeSlot(out var slot))
            {
                if (!_pipeline.TryFill(slot.Raw, _stop.Token))
                {
                    _ring.InputEnded();
                    return;
                }

                _ring.Filled(slot);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped while reading: Dispose returns the half-filled batch's buffers.
        }
        catch (Exception exception)
        {
            _ring.InputEnded(exception);
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
            while (_ring.WaitForQueued(out var slot))
            {
                Exception? fault = null;
                try
                {
                    _work.Parse(slot);
                }
                catch (Exception exception)
                {
                    fault = exception;
                }

                _ring.Parsed(slot, fault);
            }
        }
        catch (Exception exception)
        {
            // Not a record's error (those stay with their batch): the worker itself failed.
            _ring.ParserFailed(exception);
        }
        finally
        {
            Exited();
        }
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
        _stopOnCancel.Dispose();
        _stop.Dispose();
        _ring.Dispose();
        _pipeline.Dispose();
    }
}
