using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SchemaGen.Benchmarks;

/// <summary>A rate column: the work of one operation over the mean time ("GB/s", "images/s").</summary>
internal sealed class RateColumn(string columnName, Func<BenchmarkCase, double> perOperation, double perNanosecondToUnit, string format, string legend) : IColumn
{
    /// <summary>Bytes per operation as 10^9 bytes per second (bytes per nanosecond).</summary>
    public static RateColumn GigabytesPerSecond(long bytesPerOperation) =>
        new("GB/s", _ => bytesPerOperation, 1, "F2", $"{bytesPerOperation:N0} bytes per operation over the mean time, in 10^9 bytes per second");

    /// <summary>Images per operation as images per second.</summary>
    public static RateColumn ImagesPerSecond(int imagesPerOperation) =>
        new("images/s", _ => imagesPerOperation, 1e9, "N0", $"{imagesPerOperation:N0} images per operation over the mean time");

    /// <summary>Images per operation, the value of the case's <paramref name="parameter"/>, as images per second.</summary>
    public static RateColumn ImagesPerSecond(string parameter) =>
        new("images/s", c => Convert.ToDouble(c.Parameters[parameter], CultureInfo.InvariantCulture), 1e9, "N0", $"{parameter} images per operation over the mean time");

    public string Id => $"{nameof(RateColumn)} {columnName}";

    public string ColumnName => columnName;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics is { } statistics
            ? (perOperation(benchmarkCase) / statistics.Mean * perNanosecondToUnit).ToString(format, CultureInfo.InvariantCulture)
            : "-";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
