namespace SchemaGen;

/// <summary>Marks a member of a <see cref="TfSequenceExampleAttribute"/> type as a context feature (the default).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class TfContextAttribute : Attribute
{
}
