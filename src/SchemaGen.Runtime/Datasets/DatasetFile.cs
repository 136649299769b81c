namespace SchemaGen.Datasets;

/// <summary>One unit of a dataset's file list: a TFRecord file, or the records of an in-memory source.</summary>
internal abstract class DatasetFile(int index) : IDisposable
{
    /// <summary>The file's position in the dataset's sorted file list.</summary>
    public int Index { get; } = index;

    /// <summary>
    /// The partition values appended to each of the file's records (a serialized <c>features</c> field), when the
    /// dataset surfaces them; otherwise null.
    /// </summary>
    public byte[]? PartitionSuffix { get; set; }

    /// <summary>The dataset's partition columns when <see cref="PartitionSuffix"/> is set.</summary>
    public PartitionFeatures? Partitions { get; set; }

    /// <summary>The path (or a name for in-memory records), as error messages show it.</summary>
    public abstract string Name { get; }

    /// <summary>What identifies the content for a checkpoint: the file name and its length.</summary>
    public abstract string Identity { get; }

    /// <summary>The number of records (from the index sidecar when there is one, else by reading the file once).</summary>
    public abstract long CountRecords();

    /// <summary>Opens a cursor over <paramref name="shard"/>'s records.</summary>
    public abstract RecordCursor Open(RecordShard shard, DamageLog log);

    /// <summary>Opens the file for reads by record number; needs an index (plain files only).</summary>
    public abstract RandomRecordReader OpenRandomAccess(DamageLog log);

    /// <summary>Where a record is, for an error message.</summary>
    public abstract string Locate(long offset);

    /// <summary>Lets go of what the file keeps between epochs; records still in flight keep their own references.</summary>
    public virtual void Dispose()
    {
    }
}
