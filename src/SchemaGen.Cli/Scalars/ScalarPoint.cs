namespace SchemaGen.Cli.Scalars;

/// <summary>One value of a scalar curve.</summary>
/// <param name="Step">The step.</param>
/// <param name="Value">The value; a float32 one widened exactly.</param>
/// <param name="WallTime">Unix seconds.</param>
internal readonly record struct ScalarPoint(long Step, double Value, double WallTime);
