namespace SchemaGen.ML;

/// <summary>How <see cref="TfRecordCatalog.LoadFromTfRecord{T}(Microsoft.ML.DataOperationsCatalog, string, TfRecordLoaderOptions?)"/> reads the files.</summary>
public sealed class TfRecordLoaderOptions
{
    /// <summary>The rows each parsed batch holds: a cursor reads one batch's columns while the next ones are parsed. Default 1024.</summary>
    public int BatchSize { get; set; } = 1024;

    /// <summary>
    /// The records a shuffling cursor's buffer holds (tf.data's <c>shuffle</c>). Null (the default): plain files are
    /// shuffled globally (a uniform permutation of every record, read by offset through the <c>.idx</c> sidecars),
    /// compressed files, which cannot be read by offset, through a buffer of 100,000 records.
    /// </summary>
    public int? ShuffleBufferSize { get; set; }

    /// <summary>The parsing threads of each cursor; <see cref="TfRecordDataset.Autotune"/> (the default) lets the dataset choose.</summary>
    public int MaxDegreeOfParallelism { get; set; } = TfRecordDataset.Autotune;

    /// <summary>How the files are read (compression, damage policy, checksums); null for the defaults.</summary>
    public TfRecordReaderOptions? ReaderOptions { get; set; }
}
