namespace SchemaGen;

/// <summary>
/// Marks a member of a <see cref="TfSequenceExampleAttribute"/> type as a feature list: an array (or
/// <c>IReadOnlyList&lt;T&gt;</c>) with one element per step. An element is a scalar, or an array of exactly the
/// product of <see cref="TfFeatureAttribute.Shape"/> values (TensorFlow's <c>FixedLenSequenceFeature(shape)</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class TfFeatureListAttribute : Attribute
{
}
