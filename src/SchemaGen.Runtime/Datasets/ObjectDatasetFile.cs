using System.Globalization;
using SchemaGen.Records;
using SchemaGen.Storage;

namespace SchemaGen.Datasets;

/// <summary>
/// A TFRecord object of a dataset (S3, GCS, Azure Blob), read as listed: every request is conditional on its version.
/// Read in order through read-ahead (<see cref="ObjectReadStream"/>); by record number (global shuffle, sharding by
/// record) with one ranged request per record, its offsets from the <c>&lt;key&gt;.idx</c> sidecar beside it, or from
/// reading it once. Never mapped; compressed objects are streamed.
/// </summary>
internal sealed class ObjectDatasetFile(int index, ObjectInfo info, TfRecordReaderOptions options) : DatasetFile(index)
{
    // Random reads are one request per record: the reader's buffer only needs to hold a header beyond it.
    private const int RandomAccessBufferSize = 16 * 1024;

    private readonly string _name = info.Uri.ToString();
    private long[]? _offsets;
    private long _count = -1;
    private ObjectInfo? _sidecar;
    private bool _sidecarLooked;

    public override string Name => _name;

    // The address, the length and the version: a replaced object is not the one a checkpoint was taken of.
    public override string Identity => string.Create(CultureInfo.InvariantCulture, $"{_name}:{info.Length}:{info.Version}");

    public override long CountRecords()
    {
        if (_count < 0)
        {
            _count = _offsets?.Length ?? (HasIndex() ? Offsets().Length : CountByReading());
        }

        return _count;
    }

    public override RecordCursor Open(RecordShard shard, DamageLog log)
    {
        var reader = OpenReader(options, readAhead: true);
        try
        {
            if (shard.First > 0)
            {
                if (reader.Compression == TfRecordCompression.None)
                {
                    var offsets = Offsets();
                    if (shard.First >= offsets.Length)
                    {
                        return new Cursor(this, reader, 0, log);
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

            return new Cursor(this, reader, shard.Count < 0 ? long.MaxValue : shard.Count, log);
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
        var randomOptions = new TfRecordReaderOptions
        {
            Compression = TfRecordCompression.None,
            MaxRecordLength = options.MaxRecordLength,
            Policy = options.Policy,
            VerifyChecksums = options.VerifyChecksums,
            BufferSize = RandomAccessBufferSize,
        };

        var stream = ObjectFiles.OpenRead(info, readAhead: false);
        return new RandomReader(new TfRecordReader(stream, randomOptions, leaveOpen: false, _name), stream, Index, offsets, info.Length, log);
    }

    public override string Locate(long offset) =>
        string.Create(CultureInfo.InvariantCulture, $"{_name}, record at offset {offset}");

    private TfRecordReader OpenReader(TfRecordReaderOptions readerOptions, bool readAhead) =>
        new(ObjectFiles.OpenRead(info, readAhead), readerOptions, leaveOpen: false, _name);

    // The sidecar as listed beside the object (its version pinned like the object's), or null.
    private ObjectInfo? Sidecar()
    {
        if (!_sidecarLooked)
        {
            _sidecar = ObjectFiles.Find(IndexUri());
            _sidecarLooked = true;
        }

        return _sidecar;
    }

    private bool HasIndex() => Sidecar() is not null;

    private ObjectUri IndexUri() => info.Uri.WithKey(TfRecordIndex.PathFor(info.Uri.Key));

    private long[] Offsets()
    {
        if (_offsets is null)
        {
            if (Sidecar() is { } sidecar)
            {
                using var stream = ObjectFiles.OpenRead(sidecar);
                _offsets = TfRecordIndex.Read(stream, IndexUri().ToString()).Select(entry => entry.Offset).ToArray();
            }
            else
            {
                _offsets = OffsetsByReading();
            }
        }

        return _offsets;
    }

    private long[] OffsetsByReading()
    {
        using var reader = OpenReader(options, readAhead: true);
        return RecordScan.Offsets(reader, _name);
    }

    private long CountByReading()
    {
        using var reader = OpenReader(options, readAhead: true);
        return RecordScan.Count(reader);
    }

    private sealed class Cursor(ObjectDatasetFile file, TfRecordReader reader, long count, DamageLog log) : RecordCursor
    {
        private long _remaining = count;
        private bool _open = true;

        public override bool TryReadNext(out RecordView record)
        {
            if (_remaining == 0 || !reader.TryReadNext(out var data))
            {
                record = default;
                return false;
            }

            _remaining--;
            record = new RecordView(data, file.Index, reader.RecordOffset);
            return true;
        }

        // Each epoch opens the object again: its read-ahead starts where that epoch's shard starts.
        public override void Dispose()
        {
            if (_open)
            {
                _open = false;
                log.Add(reader);
                reader.Dispose();
            }
        }
    }

    private sealed class RandomReader(
        TfRecordReader reader, ObjectReadStream stream, int fileIndex, long[] offsets, long length, DamageLog log)
        : IndexedRecordReader(reader, fileIndex, offsets, log)
    {
        // Records lie end to end: the next one's offset (or the object's end) bounds this one, fetched in one request.
        protected override void BeforeRead(long recordIndex, long offset)
        {
            long next = recordIndex + 1 < Offsets.Length ? Offsets[recordIndex + 1] : length;
            stream.Expect(offset, (int)Math.Min(int.MaxValue, Math.Max(next - offset, TfRecordFraming.Overhead)));
        }
    }
}
