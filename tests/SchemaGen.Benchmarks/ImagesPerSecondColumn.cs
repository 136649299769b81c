using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SchemaGen.Benchmarks;

/// <summary>An "images/s" column: a fixed number of images per operation over the mean time.</summary>
internal sealed class ImagesPerSecondColumn(int imagesPerOperation) : IColumn
{
    public string Id => nameof(ImagesPerSecondColumn);

    public string ColumnName => "images/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"{imagesPerOperation:N0} images per operation over the mean time";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics is { } statistics
            ? (imagesPerOperation / statistics.Mean * 1e9).ToString("N0", CultureInfo.InvariantCulture)
            : "-";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
