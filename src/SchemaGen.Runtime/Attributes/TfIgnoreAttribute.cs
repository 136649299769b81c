namespace SchemaGen;

/// <summary>Leaves a member out of the schema: it is neither written nor parsed.</summary>
/// <remarks>A primary-constructor parameter left out this way must have a default value, so parsing can construct the type.</remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class TfIgnoreAttribute : Attribute
{
}
