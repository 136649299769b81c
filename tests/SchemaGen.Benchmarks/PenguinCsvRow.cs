using Microsoft.ML.Data;

namespace SchemaGen.Benchmarks;

/// <summary>The penguin columns as ML.NET's text loader reads them from CSV (the peer of <see cref="MlDataViewBenchmarks"/>).</summary>
public sealed class PenguinCsvRow
{
    [LoadColumn(0), ColumnName("body_mass_g")] public float BodyMassG { get; set; }
    [LoadColumn(1), ColumnName("culmen_depth_mm")] public float CulmenDepthMm { get; set; }
    [LoadColumn(2), ColumnName("culmen_length_mm")] public float CulmenLengthMm { get; set; }
    [LoadColumn(3), ColumnName("flipper_length_mm")] public float FlipperLengthMm { get; set; }
    [LoadColumn(4), ColumnName("species")] public long Species { get; set; }
}
