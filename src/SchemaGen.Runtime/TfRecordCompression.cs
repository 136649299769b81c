namespace SchemaGen;

/// <summary>How a TFRecord file is compressed. Compression wraps the whole stream, never single records.</summary>
public enum TfRecordCompression
{
    /// <summary>Plain TFRecord framing (TensorFlow's <c>compression_type=""</c>).</summary>
    None,

    /// <summary>A GZIP stream (RFC 1952), as TensorFlow's <c>"GZIP"</c>; concatenated members are read through.</summary>
    Gzip,

    /// <summary>A ZLIB stream (RFC 1950), as TensorFlow's <c>"ZLIB"</c>.</summary>
    Zlib,
}
