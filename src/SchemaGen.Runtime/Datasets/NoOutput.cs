namespace SchemaGen.Datasets;

/// <summary>The output of a dataset without a stage: there is none (a struct, so the empty stage compiles away).</summary>
internal readonly struct NoOutput;
