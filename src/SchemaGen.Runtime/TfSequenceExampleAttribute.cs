namespace SchemaGen;

/// <summary>
/// Declares a <c>partial</c> type as a tf.train.SequenceExample schema: <see cref="TfContextAttribute"/> members are
/// context features, <see cref="TfFeatureListAttribute"/> members are feature lists (one value per step, parsed by
/// TensorFlow as a <c>FixedLenSequenceFeature</c>). Members with neither attribute are context features.
/// </summary>
/// <example>
/// <code>
/// [TfSequenceExample]
/// public partial record Sentence([property: TfContext] long Id, [property: TfFeatureList] long[] Tokens);
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false, AllowMultiple = false)]
public sealed class TfSequenceExampleAttribute : Attribute
{
}
