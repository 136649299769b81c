namespace SchemaGen;

/// <summary>Leaves a member out of the schema: it is neither written nor parsed.</summary>
/// <remarks>
/// On a record's positional parameter, <c>[TfIgnore]</c> and <c>[property: TfIgnore]</c> both leave it out; parsing then
/// constructs the record with the parameter's declared default value, or with <c>default</c> (0, false, null) when it
/// declares none.
/// </remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class TfIgnoreAttribute : Attribute
{
}
