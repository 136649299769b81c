namespace SchemaGen.ML.Tests;

/// <summary>The TFX penguin Examples: four normalised measurements and the species.</summary>
[TfExample]
public partial record Penguin(float BodyMassG, float CulmenDepthMm, float CulmenLengthMm, float FlipperLengthMm, long Species);
