using SchemaGen.Schema;

namespace SchemaGen.Datasets;

/// <summary>What a batch source needs to turn a slot's raw records into a handed-out batch: the files (for messages), the pool the records go back to, the stage and the damage policy for the rows it rejects.</summary>
internal sealed class BatchWork<TBatch, TOutput>(DatasetFile[] files, RecordBufferPool pool, IBatchStage<TBatch, TOutput> stage, DamagePolicy policy)
    where TBatch : class, ITfExampleBatch<TBatch>
{
    public DatasetFile[] Files { get; } = files;

    public RecordBufferPool Pool { get; } = pool;

    public IBatchStage<TBatch, TOutput> Stage { get; } = stage;

    /// <summary>Parses a filled slot and runs the stage (see <see cref="BatchSlot{TBatch, TOutput}.Parse"/>).</summary>
    public void Parse(BatchSlot<TBatch, TOutput> slot) => slot.Parse(Files, Pool, policy);
}
