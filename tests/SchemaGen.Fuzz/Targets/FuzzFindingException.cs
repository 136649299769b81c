namespace SchemaGen.Fuzz.Targets;

/// <summary>A property a target checks does not hold for an input (two readers disagree, a bound is exceeded).</summary>
public sealed class FuzzFindingException(string message, Exception? inner = null) : Exception(message, inner);
