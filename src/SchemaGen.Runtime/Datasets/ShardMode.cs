namespace SchemaGen.Datasets;

/// <summary>How <see cref="TfRecordDataset.Shard"/> splits the data between workers.</summary>
public enum ShardMode
{
    /// <summary>By file when there are at least as many files as workers, else by record.</summary>
    Auto,

    /// <summary>
    /// Worker <c>i</c> of <c>n</c> reads files <c>i, i + n, i + 2n, …</c> of the epoch's file order (tf.data's
    /// <c>shard</c> after <c>list_files</c>). Reads nothing it does not keep.
    /// </summary>
    ByFile,

    /// <summary>
    /// Worker <c>i</c> of <c>n</c> reads records <c>[i·N/n, (i+1)·N/n)</c> of the epoch's records in file order, so
    /// counts differ by at most one. Record counts and start offsets come from the index sidecars (<c>.idx</c>),
    /// or from reading each file once when there are none.
    /// </summary>
    ByRecord,
}
