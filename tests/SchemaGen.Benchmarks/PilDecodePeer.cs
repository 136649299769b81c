using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using SchemaGen.Testing;

namespace SchemaGen.Benchmarks;

/// <summary>
/// The peer of the image decoding benchmarks: PIL (Debian's python3-pil, libjpeg-turbo) decoding the same files on
/// one core, measured by build/pil-decode-bench.py once per run in the host process (where the summary's columns
/// are computed), and shown beside each row with the row's ratio to it.
/// </summary>
internal static class PilDecodePeer
{
    private static readonly Lazy<IReadOnlyDictionary<string, double>> Rates = new(Measure);

    public static string BenchFolder { get; } = Repository.Path("tests/data/images/bench");

    /// <summary>PIL's images/s for a file and mode ("full", "draft2", "draft4"), or null when it could not run.</summary>
    public static double? Rate(string file, string mode) => Rates.Value.TryGetValue($"{file}|{mode}", out var rate) ? rate : null;

    /// <summary>The two columns: PIL's images/s for the row's file and mode, and the row's images/s over it.</summary>
    public static IColumn[] Columns(Func<BenchmarkCase, (string File, string Mode)> peerOf) =>
        [new PeerColumn("PIL images/s", "PIL (libjpeg-turbo, Debian python3-pil) decoding the same file the same way, images/s on one core", peerOf, ratio: false),
         new PeerColumn("vs PIL", "this row's images/s over PIL's", peerOf, ratio: true)];

    private static Dictionary<string, double> Measure()
    {
        var rates = new Dictionary<string, double>();
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Repository.Path("build/pil-decode-bench.py"));
        foreach (var file in Directory.GetFiles(BenchFolder).Order(StringComparer.Ordinal))
        {
            start.ArgumentList.Add(file);
        }

        try
        {
            using var process = Process.Start(start)!;
            while (process.StandardOutput.ReadLine() is { } line)
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                rates[$"{root.GetProperty("file").GetString()}|{root.GetProperty("mode").GetString()}"] = root.GetProperty("imagesPerSecond").GetDouble();
            }

            process.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            Console.Error.WriteLine($"PIL peer not measured: {exception.Message}");
        }

        return rates;
    }

    private sealed class PeerColumn(string name, string legend, Func<BenchmarkCase, (string File, string Mode)> peerOf, bool ratio) : IColumn
    {
        public string Id => $"{nameof(PilDecodePeer)} {name}";

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => ratio ? 2 : 1;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => legend;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var (file, mode) = peerOf(benchmarkCase);
            if (Rate(file, mode) is not { } peer)
            {
                return "-";
            }

            if (!ratio)
            {
                return peer.ToString("N0", CultureInfo.InvariantCulture);
            }

            return summary[benchmarkCase]?.ResultStatistics is { } statistics
                ? (1e9 / statistics.Mean / peer).ToString("F2", CultureInfo.InvariantCulture)
                : "-";
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
