using Microsoft.ML.Data;

namespace SchemaGen.ML.Tests;

/// <summary>
/// The same records as <see cref="AllKinds"/>, as ML.NET's <c>LoadFromEnumerable</c> takes them: the oracle of the
/// column types and values, written from the package's documented mapping (a missing optional float is NaN, a missing
/// optional integer an empty vector, a missing optional string empty text).
/// </summary>
public sealed class AllKindsRow
{
    [ColumnName("id")] public long Id { get; set; }
    [ColumnName("small")] public int Small { get; set; }
    [ColumnName("tiny")] public short Tiny { get; set; }
    [ColumnName("score")] public float Score { get; set; }
    [ColumnName("precise")] public double Precise { get; set; }
    [ColumnName("flag")] public bool Flag { get; set; }
    [ColumnName("hue")] public int Hue { get; set; }
    [ColumnName("matrix"), VectorType(2, 3)] public float[] Matrix { get; set; } = [];
    [ColumnName("codes"), VectorType(4)] public long[] Codes { get; set; } = [];
    [ColumnName("varying"), VectorType] public float[] Varying { get; set; } = [];
    [ColumnName("tags"), VectorType] public long[] Tags { get; set; } = [];
    [ColumnName("name")] public string Name { get; set; } = "";
    [ColumnName("words"), VectorType] public string[] Words { get; set; } = [];
    [ColumnName("pixels"), VectorType(2, 2, 1)] public byte[] Pixels { get; set; } = [];
    [ColumnName("blob"), VectorType] public byte[] Blob { get; set; } = [];
    [ColumnName("maybe_score")] public float MaybeScore { get; set; }
    [ColumnName("maybe_count"), VectorType] public long[] MaybeCount { get; set; } = [];
    [ColumnName("maybe_name")] public string MaybeName { get; set; } = "";

    public static AllKindsRow From(AllKinds r) => new()
    {
        Id = r.Id,
        Small = r.Small,
        Tiny = r.Tiny,
        Score = r.Score,
        Precise = r.Precise,
        Flag = r.Flag,
        Hue = (int)r.Hue,
        Matrix = r.Matrix,
        Codes = r.Codes,
        Varying = r.Varying,
        Tags = r.Tags,
        Name = r.Name,
        Words = r.Words,
        Pixels = r.Pixels,
        Blob = r.Blob,
        MaybeScore = r.MaybeScore ?? float.NaN,
        MaybeCount = r.MaybeCount is long count ? [count] : [],
        MaybeName = r.MaybeName ?? "",
    };
}
