using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace SchemaGen.TensorBoard.Internal;

/// <summary>
/// A bounded ring of preallocated event slots between the threads that add events and the one background thread
/// that frames them as TFRecords into the event file. Adding copies an encoded event into a slot under a short lock
/// and wakes the writer only when it sleeps with nothing to flush or when the ring is half full; the writer flushes
/// the file at most one interval after the first event it has not flushed, on <see cref="Flush"/> and on
/// <see cref="Dispose"/>. A full ring blocks the adding thread until the writer has made room.
/// </summary>
internal sealed class EventQueue : IDisposable
{
    private const int InitialSlotSize = 256;

    private readonly object _sync = new();
    private readonly byte[][] _slots;
    private readonly int[] _lengths;
    private readonly string _path;
    private readonly FileStream _file;
    private readonly TfRecordWriter _writer;
    private readonly ObjectMirror? _mirror;
    private readonly long _flushIntervalTicks;
    private readonly Thread _thread;
    private long _head;
    private long _tail;
    private long _flushRequested;
    private long _flushedThrough;
    private bool _writerIdle;
    private int _producersWaiting;
    private bool _stopping;
    private ExceptionDispatchInfo? _fault;

    public EventQueue(string path, int capacity, TimeSpan flushInterval, ObjectMirror? mirror = null)
    {
        _path = path;
        _mirror = mirror;
        _slots = new byte[capacity][];
        _lengths = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            _slots[i] = new byte[InitialSlotSize];
        }

        _flushIntervalTicks = (long)(flushInterval.TotalSeconds * Stopwatch.Frequency);
        // CreateNew: an event file is never replaced; two writers that named the same file would interleave records.
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
        _writer = new TfRecordWriter(_file, new TfRecordWriterOptions { BufferSize = 1 << 16 }, leaveOpen: true);
        _thread = new Thread(Run) { IsBackground = true, Name = "SchemaGen.TensorBoard event writer" };
        _thread.Start();
    }

    /// <summary>Takes a slot of at least <paramref name="length"/> bytes, lets <paramref name="encode"/> fill it, and
    /// hands it to the writer.</summary>
    public void Add<TState>(int length, in TState state, EventEncoding<TState> encode)
    {
        lock (_sync)
        {
            while (_head - _tail >= _slots.Length && _fault is null && !_stopping)
            {
                _producersWaiting++;
                Monitor.Wait(_sync);
                _producersWaiting--;
            }

            ThrowIfUnusable();
            int index = (int)(_head % _slots.Length);
            if (_slots[index].Length < length)
            {
                // Only an event larger than any before it in this slot (an image) allocates.
                _slots[index] = new byte[Math.Max(length, _slots[index].Length * 2)];
            }

            _lengths[index] = encode(_slots[index].AsSpan(0, length), state);
            _head++;
            if (_writerIdle || _head - _tail >= _slots.Length / 2)
            {
                // All: a Pulse could wake an adder waiting for room instead of the writer.
                Monitor.PulseAll(_sync);
            }
        }
    }

    /// <summary>Waits until every event added before the call is in the file and the file is flushed to the disk.</summary>
    public void Flush()
    {
        lock (_sync)
        {
            ThrowIfUnusable();
            long target = _head;
            _flushRequested = Math.Max(_flushRequested, target);
            Monitor.PulseAll(_sync);
            while (_flushedThrough < target && _fault is null)
            {
                Monitor.Wait(_sync);
            }

            _fault?.Throw();
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
            Monitor.PulseAll(_sync);
        }

        _thread.Join();
        try
        {
            _writer.Dispose();
        }
        finally
        {
            _file.Dispose();
        }

        _fault?.Throw();
    }

    private bool TryPublish(bool final)
    {
        try
        {
            _mirror!.Publish();
            return true;
        }
        catch (Exception) when (!final)
        {
            return false;
        }
        catch (Exception exception)
        {
            // The SDKs' own exception types are not IOExceptions; the last upload's failure is the caller's to see.
            throw new IOException($"{_mirror!.Target}: uploading the event file failed: {exception.Message}", exception);
        }
    }

    private void ThrowIfUnusable()
    {
        _fault?.Throw();
        ObjectDisposedException.ThrowIf(_stopping, this);
    }

    private void Run()
    {
        long deadline = long.MaxValue;
        long written = 0;
        while (true)
        {
            long start;
            long end;
            bool flush;
            bool stopping;
            lock (_sync)
            {
                while (_tail == _head && !_stopping && _flushRequested <= _flushedThrough)
                {
                    long wait = deadline == long.MaxValue ? -1 : deadline - Stopwatch.GetTimestamp();
                    if (deadline != long.MaxValue && wait <= 0)
                    {
                        break;
                    }

                    _writerIdle = deadline == long.MaxValue;
                    Monitor.Wait(_sync, wait < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
                    _writerIdle = false;
                }

                start = _tail;
                end = _head;
                stopping = _stopping;
                flush = stopping || _flushRequested > _flushedThrough;
            }

            try
            {
                for (long i = start; i < end; i++)
                {
                    int index = (int)(i % _slots.Length);
                    _writer.Write(_slots[index].AsSpan(0, _lengths[index]));
                }

                if (end > written && deadline == long.MaxValue)
                {
                    deadline = Stopwatch.GetTimestamp() + _flushIntervalTicks;
                }

                written = end;
                lock (_sync)
                {
                    _tail = end;
                    if (_producersWaiting > 0)
                    {
                        Monitor.PulseAll(_sync);
                    }
                }

                if (flush || Stopwatch.GetTimestamp() >= deadline)
                {
                    _writer.Flush();
                    // An explicit flush and the last one reach the disk; the interval's reach the OS, which keeps
                    // them when the process dies.
                    _file.Flush(flushToDisk: flush);
                    deadline = long.MaxValue;
                    if (_mirror is not null && !TryPublish(final: stopping))
                    {
                        // The object keeps its last version; the whole file is uploaded again an interval later.
                        deadline = Stopwatch.GetTimestamp() + _flushIntervalTicks;
                    }
                    lock (_sync)
                    {
                        _flushedThrough = end;
                        Monitor.PulseAll(_sync);
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                lock (_sync)
                {
                    _fault = ExceptionDispatchInfo.Capture(new IOException($"{_path}: writing the event file failed: {exception.Message}", exception));
                    Monitor.PulseAll(_sync);
                }

                return;
            }

            if (stopping)
            {
                lock (_sync)
                {
                    if (_tail == _head)
                    {
                        return;
                    }
                }
            }
        }
    }
}
