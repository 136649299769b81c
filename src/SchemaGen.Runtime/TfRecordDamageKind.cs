namespace SchemaGen;

/// <summary>The kind of damage a <see cref="TfRecordException"/> reports.</summary>
public enum TfRecordDamageKind
{
    /// <summary>The data ends inside a record (TensorFlow: <c>truncated record at N</c>).</summary>
    Truncated,

    /// <summary>A checksum does not match, or compressed data is invalid (TensorFlow: <c>corrupted record at N</c>).</summary>
    Corrupted,

    /// <summary>A record's length field exceeds <see cref="TfRecordReaderOptions.MaxRecordLength"/>.</summary>
    TooLong,
}
