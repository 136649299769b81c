namespace SchemaGen.Datasets;

/// <summary>What one worker reads in one epoch.</summary>
/// <param name="Shards">The shards, in reading order.</param>
/// <param name="TargetRecords">With a <see cref="ShardBalance"/>, the record count every worker makes its epoch; else null.</param>
internal readonly record struct EpochPlan(RecordShard[] Shards, long? TargetRecords);
