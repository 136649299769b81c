namespace SchemaGen.Conversion;

/// <summary>Progress of a conversion, reported every few hundred records and at the end of each stage.</summary>
/// <param name="Stage">"read" while the sources are read, then the split being written.</param>
/// <param name="Done">Records (or, while reading, source files) done in this stage.</param>
/// <param name="Total">Records to write in this stage, or 0 while reading.</param>
public readonly record struct ConversionProgress(string Stage, long Done, long Total);
