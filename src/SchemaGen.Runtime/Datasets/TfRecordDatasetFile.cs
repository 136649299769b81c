using System.Globalization;
using SchemaGen.Records;

namespace SchemaGen.Datasets;

/// <summary>
/// A TFRecord file of a dataset. Its index (record offsets) comes from the <c>.idx</c> sidecar when there is one,
/// otherwise from reading the file once under the dataset's damage policy; either is loaded only when a stage
/// needs it (sharding by record, balancing shards, the global shuffle).
/// </summary>
internal sealed class TfRecordDatasetFile(int index, string path, TfRecordReaderOptions options, bool memoryMap) : DatasetFile(index)
{
    // Random reads fetch one record each; a small buffer keeps them from reading far past it.
    private const int RandomAccessBufferSize = 16 * 1024;

    private long[]? _offsets;
    private long _count = -1;

    // Mapped once and kept for every epoch of the reader, which disposes the file; likewise one cursor, reused
    // whenever the previous epoch's is closed, so a steady state of many epochs allocates nothing.
    private MappedTfRecordFile? _mapping;
    private bool _unmappable;
    private Cursor? _idle;

    public override string Name => path;

    public override string Identity => string.Create(
        CultureInfo.InvariantCulture, $"{Path.GetFileName(path)}:{new FileInfo(path).Length}");

    public override long CountRecords()
    {
        if (_count < 0)
        {
            _count = _offsets?.Length ?? (File.Exists(TfRecordIndex.PathFor(path)) ? Offsets().Length : CountByReading());
        }

        return _count;
    }

    public override RecordCursor Open(RecordShard shard, DamageLog log)
    {
        var idle = _idle;
        _idle = null;
        var reader = idle?.Reader ?? OpenReader();
        try
        {
            if (shard.First > 0)
            {
                // Sharding by record needs the offsets anyway: found once (from the index, or a read), used every epoch.
                if (reader.Compression == TfRecordCompression.None)
                {
                    var offsets = Offsets();
                    if (shard.First >= offsets.Length)
                    {
                        return Cursor.Start(idle, this, reader, 0, log);
                    }

                    reader.Seek(offsets[shard.First]);
                }
                else
                {
                    for (long i = 0; i < shard.First && reader.TryReadNext(out _); i++)
                    {
                    }
                }
            }

            return Cursor.Start(idle, this, reader, shard.Count < 0 ? long.MaxValue : shard.Count, log);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public override RandomRecordReader OpenRandomAccess(DamageLog log)
    {
        long[] offsets = Offsets();
        if (Mapping() is { } mapping)
        {
            // A mapped file is read by offset in place: no read, and no copy, per record.
            mapping.AddReference();
            return new IndexedRecordReader(new TfRecordReader(mapping, path, options), Index, offsets, log);
        }

        var randomOptions = new TfRecordReaderOptions
        {
            Compression = options.Compression,
            MaxRecordLength = options.MaxRecordLength,
            Policy = options.Policy,
            VerifyChecksums = options.VerifyChecksums,
            BufferSize = RandomAccessBufferSize,
        };

        return new IndexedRecordReader(new TfRecordReader(path, randomOptions), Index, offsets, log);
    }

    public override string Locate(long offset) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}, record at offset {offset}");

    public override void Dispose()
    {
        _idle?.Reader.Dispose();
        _idle = null;
        _mapping?.Release();
        _mapping = null;
        base.Dispose();
    }

    private TfRecordReader OpenReader()
    {
        if (Mapping() is { } mapping)
        {
            mapping.AddReference();
            return new TfRecordReader(mapping, path, options);
        }

        return new TfRecordReader(path, options);
    }

    // The file mapped when it is plain (by the options, or by its first bytes) and can be mapped whole.
    private MappedTfRecordFile? Mapping()
    {
        if (_mapping is not null || !memoryMap || _unmappable)
        {
            return _mapping;
        }

        // Only a failure can come of a deferred checksum: skipping policies decide at reading what a batch holds.
        bool defer = options.VerifyChecksums && options.Policy == DamagePolicy.Throw;
        _unmappable = true;
        if (options.Compression is null or TfRecordCompression.None && MappedTfRecordFile.TryOpen(path, defer) is { } mapping)
        {
            if (options.Compression is null
                && CompressionDetector.Detect(mapping.GetSpan()[..Math.Min(mapping.Length, CompressionDetector.ProbeLength)]) != TfRecordCompression.None)
            {
                mapping.Release();
                return null;
            }

            (_mapping, _unmappable) = (mapping, false);
        }

        return _mapping;
    }

    private long[] Offsets()
    {
        if (_offsets is null)
        {
            string indexPath = TfRecordIndex.PathFor(path);
            _offsets = File.Exists(indexPath)
                ? TfRecordIndex.Read(indexPath).Select(entry => entry.Offset).ToArray()
                : OffsetsByReading();
        }

        return _offsets;
    }

    private long[] OffsetsByReading()
    {
        using var reader = new TfRecordReader(path, options);
        return RecordScan.Offsets(reader, path);
    }

    private long CountByReading()
    {
        using var reader = new TfRecordReader(path, options);
        return RecordScan.Count(reader);
    }

    private sealed class Cursor : RecordCursor
    {
        private TfRecordDatasetFile _file = null!;
        private DamageLog _log = null!;
        private long _remaining;
        private bool _open;

        public TfRecordReader Reader { get; private set; } = null!;

        // The file's idle cursor when it has one (its reader restarted when it was closed), else a new one.
        public static Cursor Start(Cursor? idle, TfRecordDatasetFile file, TfRecordReader reader, long count, DamageLog log)
        {
            var cursor = idle ?? new Cursor();
            (cursor._file, cursor.Reader, cursor._remaining, cursor._log, cursor._open) = (file, reader, count, log, true);
            return cursor;
        }

        public override bool TryReadNext(out RecordView record)
        {
            if (_remaining == 0 || !Reader.TryReadNext(out var data))
            {
                record = default;
                return false;
            }

            _remaining--;
            record = new RecordView(data, _file.Index, Reader.RecordOffset);
            return true;
        }

        // A plain file's reader starts over for the next epoch; a compressed one cannot seek back and is closed.
        public override void Dispose()
        {
            if (!_open)
            {
                return;
            }

            _open = false;
            _log.Add(Reader);
            if (Reader.Compression == TfRecordCompression.None && _file._idle is null)
            {
                Reader.Restart();
                _file._idle = this;
            }
            else
            {
                Reader.Dispose();
            }
        }
    }
}
