namespace SchemaGen.Examples;

/// <summary>Which list a tf.train.Feature holds (its <c>kind</c> oneof). The values are the oneof's field numbers.</summary>
public enum FeatureKind
{
    /// <summary>No kind is set: TensorFlow treats such a feature as missing.</summary>
    None = 0,

    /// <summary>A <c>bytes_list</c>: byte strings (TensorFlow's <c>tf.string</c>).</summary>
    BytesList = 1,

    /// <summary>A <c>float_list</c>: 32-bit floats.</summary>
    FloatList = 2,

    /// <summary>An <c>int64_list</c>: 64-bit integers.</summary>
    Int64List = 3,
}
