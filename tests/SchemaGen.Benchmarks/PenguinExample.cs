namespace SchemaGen.Benchmarks;

/// <summary>A TFX penguin Example: four normalised measurements and the species.</summary>
[TfExample]
public partial record PenguinExample(float BodyMassG, float CulmenDepthMm, float CulmenLengthMm, float FlipperLengthMm, long Species);
