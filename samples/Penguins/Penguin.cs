using SchemaGen;

namespace Penguins;

/// <summary>
/// One Palmer penguin as TFX writes it (what <c>schemagen schema</c> infers from the files): four measurements
/// normalised to [0, 1] and the species, 0, 1 or 2.
/// </summary>
[TfExample]
public partial record Penguin(float BodyMassG, float CulmenDepthMm, float CulmenLengthMm, float FlipperLengthMm, long Species);
