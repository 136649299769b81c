using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.ML;
using SchemaGen.ML;

namespace SchemaGen.Benchmarks;

/// <summary>
/// A full cursor pass (every column's getter on every row) over 1,000,000 penguin-shaped rows (four floats and an
/// int64 species): SchemaGen.ML's <c>LoadFromTfRecord</c> over a TFRecord file against ML.NET's own
/// <c>LoadFromTextFile</c> over the same rows as CSV, the way a .NET team reads them today. Rows/s = 1,000,000 / time.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("ML")]
[Config(typeof(Rows))]
public class MlDataViewBenchmarks
{
    private const int RowCount = 1_000_000;

    private readonly MLContext _ml = new(seed: 1);
    private string _directory = "";
    private string _tfRecordPath = "";
    private IDataView _tfRecord = null!;
    private IDataView _csv = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"schemagen-bench-ml-{Environment.ProcessId}");
        Directory.CreateDirectory(_directory);
        string tfrecord = Path.Combine(_directory, "penguins.tfrecord");
        string csv = Path.Combine(_directory, "penguins.csv");
        var random = new Random(7);
        using (var writer = new TfRecordWriter(tfrecord))
        using (var text = new StreamWriter(csv))
        {
            text.WriteLine("body_mass_g,culmen_depth_mm,culmen_length_mm,flipper_length_mm,species");
            byte[] buffer = new byte[256];
            for (int i = 0; i < RowCount; i++)
            {
                // The TFX files' form: measurements normalised to [0, 1], printed as float32 round-trips them.
                var row = new PenguinExample((float)random.NextDouble(), (float)random.NextDouble(), (float)random.NextDouble(), (float)random.NextDouble(), random.Next(3));
                writer.Write(buffer.AsSpan(0, row.WriteTo(buffer)));
                text.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{row.BodyMassG:R},{row.CulmenDepthMm:R},{row.CulmenLengthMm:R},{row.FlipperLengthMm:R},{row.Species}"));
            }
        }

        _tfRecordPath = tfrecord;
        _tfRecord = _ml.Data.LoadFromTfRecord<PenguinExample>(tfrecord);
        _csv = _ml.Data.LoadFromTextFile<PenguinCsvRow>(csv, separatorChar: ',', hasHeader: true);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Baseline = true, Description = "ML.NET LoadFromTextFile (CSV)")]
    public double TextLoader() => Pass(_csv);

    [Benchmark(Description = "SchemaGen.ML LoadFromTfRecord")]
    public double TfRecord() => Pass(_tfRecord);

    /// <summary>The ceiling under the data view: the same file's batches summed column by column, no cursor.</summary>
    [Benchmark(Description = "SchemaGen batches, no IDataView")]
    public double Batches()
    {
        double sum = 0;
        foreach (PenguinExample.Batch batch in TfRecordDataset.FromFiles(_tfRecordPath).Batch<PenguinExample.Batch>(1024))
        {
            for (int i = 0; i < batch.Count; i++)
            {
                sum += batch.BodyMassG[i] + batch.CulmenDepthMm[i] + batch.CulmenLengthMm[i] + batch.FlipperLengthMm[i] + batch.Species[i];
            }
        }

        return sum;
    }

    /// <summary>Reads every column of every row through the cursor's getters, as a trainer does.</summary>
    private static double Pass(IDataView data)
    {
        DataViewSchema schema = data.Schema;
        using DataViewRowCursor cursor = data.GetRowCursor(schema);
        ValueGetter<float>[] floats =
        [
            cursor.GetGetter<float>(schema["body_mass_g"]),
            cursor.GetGetter<float>(schema["culmen_depth_mm"]),
            cursor.GetGetter<float>(schema["culmen_length_mm"]),
            cursor.GetGetter<float>(schema["flipper_length_mm"]),
        ];
        ValueGetter<long> species = cursor.GetGetter<long>(schema["species"]);
        double sum = 0;
        float value = 0;
        long label = 0;
        long rows = 0;
        while (cursor.MoveNext())
        {
            foreach (ValueGetter<float> getter in floats)
            {
                getter(ref value);
                sum += value;
            }

            species(ref label);
            sum += label;
            rows++;
        }

        return rows == RowCount ? sum : throw new InvalidOperationException($"{rows} rows, expected {RowCount}.");
    }

    private sealed class Rows : ManualConfig
    {
        public Rows() => AddColumn(new RateColumn("rows/s", _ => RowCount, 1e9, "N0", $"{RowCount:N0} rows per operation over the mean time"));
    }
}
