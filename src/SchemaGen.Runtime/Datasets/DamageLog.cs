namespace SchemaGen.Datasets;

/// <summary>
/// What the damage policy stepped over while a pipeline read its files: written by the reading thread as each
/// file closes, and by the consumer for the records a stage rejected as each batch is handed out; read by the consumer.
/// </summary>
internal sealed class DamageLog
{
    private readonly object _gate = new();
    private readonly List<TfRecordException> _damage = [];
    private long _skippedRecords;
    private long _skippedFiles;

    public long SkippedRecords
    {
        get
        {
            lock (_gate)
            {
                return _skippedRecords;
            }
        }
    }

    public long SkippedFiles
    {
        get
        {
            lock (_gate)
            {
                return _skippedFiles;
            }
        }
    }

    public TfRecordException[] Damage
    {
        get
        {
            lock (_gate)
            {
                return [.. _damage];
            }
        }
    }

    /// <summary>Adds the records a stage rejected in a batch that is being handed out, which a skip policy left out.</summary>
    public void AddRejected(List<TfRecordException> skipped)
    {
        lock (_gate)
        {
            _skippedRecords += skipped.Count;
            _damage.AddRange(skipped);
        }
    }

    /// <summary>Adds what a reader skipped; called once per reader, when it is closed.</summary>
    public void Add(TfRecordReader reader)
    {
        if (reader.Damage.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            _skippedRecords += reader.SkippedRecords;
            _skippedFiles += reader.FileSkipped ? 1 : 0;
            _damage.AddRange(reader.Damage);
        }
    }
}
