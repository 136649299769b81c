using Microsoft.ML.Data;

namespace SchemaGen.ML.Tests;

/// <summary>Column types no <c>[TfExample]</c> member produces: the untyped writer maps them by type alone.</summary>
public sealed class UntypedRow
{
    public uint Count { get; set; }
    public ulong Big { get; set; }
    public double Ratio { get; set; }
    [VectorType] public double[] Ratios { get; set; } = [];
    [VectorType(3)] public bool[] Bits { get; set; } = [];
    [VectorType(2)] public string[] Pair { get; set; } = [];
    public string Label { get; set; } = "";
}
