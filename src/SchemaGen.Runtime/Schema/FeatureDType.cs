namespace SchemaGen.Schema;

/// <summary>The TensorFlow data type of a feature: the three a tf.train.Feature can hold.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "TensorFlow's dtype names.")]
public enum FeatureDType
{
    /// <summary><c>tf.int64</c>, stored in an <c>int64_list</c>.</summary>
    Int64,

    /// <summary><c>tf.float32</c>, stored in a <c>float_list</c>.</summary>
    Float32,

    /// <summary><c>tf.string</c> (byte strings), stored in a <c>bytes_list</c>.</summary>
    String,
}
