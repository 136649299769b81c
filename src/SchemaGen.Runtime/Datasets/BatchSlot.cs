using SchemaGen.Schema;

namespace SchemaGen.Datasets;

/// <summary>
/// One pooled batch: its raw records, the typed batch they parse into and the stage's output, reused for batch
/// after batch. A <see cref="BatchRing{TBatch, TOutput}"/> says who may touch it when.
/// </summary>
internal sealed class BatchSlot<TBatch, TOutput>(int batchSize, IBatchStage<TBatch, TOutput> stage)
    where TBatch : class, ITfExampleBatch<TBatch>
{
    public RawBatch Raw { get; } = new(batchSize);

    public TBatch Batch { get; } = TBatch.Create(batchSize);

    public TOutput Output { get; } = stage.CreateOutput(batchSize);

    private readonly BatchStageContext _context = new(batchSize);
    private readonly int[] _rejectedRows = new int[batchSize];
    private List<TfRecordException>? _skipped;

    /// <summary>Whether the batch now in the slot is parsed (set and read under the ring's lock).</summary>
    public bool Parsed { get; set; }

    /// <summary>The batch's error (a record that does not parse), thrown when the consumer reaches it.</summary>
    public Exception? Fault { get; set; }

    public BatchLease<TBatch, TOutput> Lease => new(Batch, Output, Raw.Epoch, Raw.Index, _skipped);

    /// <summary>
    /// Parses the raw records and runs the stage, then hands the records back to the pool. Rows the stage rejects
    /// fail the batch under <see cref="DamagePolicy.Throw"/>; otherwise their records are left out, the rest parsed
    /// again and the stage run again, until it rejects none.
    /// </summary>
    public void Parse(DatasetFile[] files, RecordBufferPool pool, DamagePolicy policy)
    {
        try
        {
            _skipped?.Clear();

            // Batches of an epoch are full but for the last, so this batch's first row is Index * batch size.
            long firstRow = Raw.Index * Raw.Records.Length;
            while (true)
            {
                BatchParser.Parse(Raw, Batch, files);
                _context.Start(Raw.Epoch, firstRow, Batch.Count);
                stage.Run(Batch, Output, _context);
                if (_context.RejectedRows == 0)
                {
                    return;
                }

                LeaveOutRejected(files, pool, policy);
            }
        }
        finally
        {
            Raw.Release(pool);
        }
    }

    // Each pass leaves out at least one record, so the loop above ends (at the latest with an empty batch).
    private void LeaveOutRejected(DatasetFile[] files, RecordBufferPool pool, DamagePolicy policy)
    {
        var rejections = _context.Rejections;
        var rows = _rejectedRows.AsSpan(0, rejections.Length);
        for (int i = 0; i < rejections.Length; i++)
        {
            rows[i] = rejections[i].Row;
        }

        rows.Sort();
        for (int i = 0; i < rows.Length; i++)
        {
            foreach (ref readonly var rejection in rejections)
            {
                if (rejection.Row != rows[i])
                {
                    continue;
                }

                ref var record = ref Raw.Records[rejection.Row];
                var damage = BatchStageContext.Damage(rejection, files[record.FileIndex], record.Offset);
                if (policy == DamagePolicy.Throw)
                {
                    throw damage; // the first rejected row's, whatever order the stage rejected them in
                }

                (_skipped ??= []).Add(damage);
            }
        }

        Raw.Remove(rows, pool);
    }

    /// <summary>Returns what the slot holds, when its reader is disposed.</summary>
    public void Release(RecordBufferPool pool)
    {
        Raw.Release(pool);
        stage.Release(Output);
    }
}
