namespace SchemaGen;

/// <summary>
/// What a <see cref="TfRecordReader"/> does when a file is truncated or fails a checksum; in a dataset, also what
/// happens to a record whose content a stage rejects (an image that does not decode, see
/// <see cref="Datasets.BatchStageContext"/>): thrown as a <see cref="TfRecordException"/> naming the file, the record's
/// offset and the feature, or, under either skip policy, left out and listed (its framing is sound, so the file goes on).
/// </summary>
public enum DamagePolicy
{
    /// <summary>Throw a <see cref="TfRecordException"/>, as TensorFlow does (the default).</summary>
    Throw,

    /// <summary>
    /// Skip a record whose data checksum fails (its length was verified, so the next record is found) and go on;
    /// damage that loses the framing (a bad length checksum, a truncation, a record over the limit, invalid
    /// compressed data) ends the file. Everything skipped is listed in <see cref="TfRecordReader.Damage"/>.
    /// </summary>
    SkipRecord,

    /// <summary>End the file at the first damage; the records before it are kept.</summary>
    SkipFile,
}
