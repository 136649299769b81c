namespace SchemaGen.Datasets;

/// <summary>
/// How <see cref="TfRecordDataset.Shard"/> evens out the workers' record counts. Data-parallel training hangs at
/// an epoch's end when one worker has a batch more than another (the others wait for it in an all-reduce), so
/// each worker should see the same number of batches.
/// </summary>
public enum ShardBalance
{
    /// <summary>Each worker reads its shard as it is; counts may differ (by file sharding: by whole files).</summary>
    None,

    /// <summary>Every worker stops at the smallest shard's record count; the records past it are skipped this epoch.</summary>
    Drop,

    /// <summary>
    /// Every worker reaches the largest shard's record count by repeating its own first records (as PyTorch's
    /// <c>DistributedSampler</c> pads); those records are seen twice in that epoch.
    /// </summary>
    Pad,
}
