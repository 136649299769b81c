namespace SchemaGen.ML.Tests;

/// <summary>A list of byte strings: no ML.NET column holds a vector of vectors.</summary>
[TfExample]
public partial record Chunked(long Id, byte[][] Chunks);
