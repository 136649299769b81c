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

    /// <summary>Whether the batch now in the slot is parsed (set and read under the ring's lock).</summary>
    public bool Parsed { get; set; }

    /// <summary>The batch's error (a record that does not parse), thrown when the consumer reaches it.</summary>
    public Exception? Fault { get; set; }

    public BatchLease<TBatch, TOutput> Lease => new(Batch, Output, Raw.Epoch, Raw.Index);

    /// <summary>Parses the raw records and runs the stage, then hands the records back to the pool.</summary>
    public void Parse(DatasetFile[] files, RecordBufferPool pool)
    {
        try
        {
            BatchParser.Parse(Raw, Batch, files);

            // Batches of an epoch are full but for the last, so this batch's first row is Index * batch size.
            stage.Run(Batch, Output, Raw.Epoch, Raw.Index * Raw.Records.Length);
        }
        finally
        {
            Raw.Release(pool);
        }
    }

    /// <summary>Returns what the slot holds, when its reader is disposed.</summary>
    public void Release(RecordBufferPool pool)
    {
        Raw.Release(pool);
        stage.Release(Output);
    }
}
