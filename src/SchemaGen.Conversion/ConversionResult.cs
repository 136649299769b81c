using SchemaGen.Conversion.Sources;

namespace SchemaGen.Conversion;

/// <summary>What a conversion wrote.</summary>
/// <param name="Splits">Per split, in order.</param>
/// <param name="DatasetInfoPath">The dataset_info.json written beside the shards; for one job of several
/// (<see cref="ConversionOptions.ShardCount"/> above 1), the job's manifest that <see cref="Converter.Finalize"/> reads.</param>
/// <param name="Skipped">Files left out by skip-invalid.</param>
public sealed record ConversionResult(IReadOnlyList<SplitSummary> Splits, string DatasetInfoPath, IReadOnlyList<SkippedFile> Skipped);

/// <summary>One split of a conversion.</summary>
/// <param name="Name">The split name (<c>train</c>, <c>test</c>).</param>
/// <param name="Records">Records in the whole split.</param>
/// <param name="RecordsWritten">Records this run wrote (fewer with a shard count above 1).</param>
/// <param name="ShardsWritten">Shard files this run wrote.</param>
/// <param name="BytesWritten">Bytes of the shard files this run wrote.</param>
/// <param name="Elapsed">Time spent writing the split.</param>
public sealed record SplitSummary(string Name, int Records, long RecordsWritten, int ShardsWritten, long BytesWritten, TimeSpan Elapsed);
