namespace SchemaGen.Schema;

/// <summary>How TensorFlow parses a feature: the <c>tf.io</c> feature class it corresponds to.</summary>
public enum FeatureSpecKind
{
    /// <summary><c>tf.io.FixedLenFeature(shape, dtype)</c>: exactly prod(shape) values; missing takes the default or fails.</summary>
    FixedLen,

    /// <summary><c>tf.io.VarLenFeature(dtype)</c>: any number of values; missing is empty.</summary>
    VarLen,

    /// <summary>
    /// <c>tf.io.FixedLenSequenceFeature(shape, dtype)</c>: a feature list of a SequenceExample whose every step holds
    /// prod(shape) values.
    /// </summary>
    FixedLenSequence,
}
