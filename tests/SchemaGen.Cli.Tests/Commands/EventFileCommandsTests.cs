using System.Globalization;
using System.Text.Json;
using SchemaGen.Cli.Scalars;
using SchemaGen.TensorBoard;

namespace SchemaGen.Cli.Tests.Commands;

public sealed class EventFileCommandsTests
{
    // PyTorch's SummaryWriter wrote it (tests/data/interop/MANIFEST.md, section 5): strict/foo at steps 0, 5, ..., 495.
    private const string PytorchRun = "tensorboard-reducer/tests/runs/strict/run_1";
    private const string PytorchFile = PytorchRun + "/events.out.tfevents.1622543341.janoshs-mbp.lan.86862.0";

    [Fact]
    public void Cat_prints_a_TensorBoard_written_event_file_as_events()
    {
        var result = Schemagen.Run("cat", InteropFiles.Path(PytorchFile), "--events");

        Assert.Equal("", result.Error);
        Assert.Equal(0, result.ExitCode);
        var lines = result.OutLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(101, lines.Count);
        Assert.Equal("brain.Event:2", lines[0].GetProperty("fileVersion").GetString());
        Assert.Equal(1622543341.75773, lines[0].GetProperty("wallTime").GetDouble(), 5);
        // Step 0 is left out on the wire (proto3 default) and so in the JSON; int64 prints as a string.
        Assert.False(lines[1].TryGetProperty("step", out _));
        var first = lines[1].GetProperty("summary").GetProperty("value")[0];
        Assert.Equal("strict/foo", first.GetProperty("tag").GetString());
        // simple_value is a float32: JSON prints its shortest float form.
        Assert.Equal(1.4962565898895264f, (float)first.GetProperty("simpleValue").GetDouble());
        Assert.Equal("5", lines[2].GetProperty("step").GetString());
        Assert.Equal(1.7682218551635742f, (float)lines[2].GetProperty("summary").GetProperty("value")[0].GetProperty("simpleValue").GetDouble());
        Assert.Equal("495", lines[100].GetProperty("step").GetString());
        Assert.Equal(1.212090253829956f, (float)lines[100].GetProperty("summary").GetProperty("value")[0].GetProperty("simpleValue").GetDouble());
    }

    [Fact]
    public void Cat_prints_our_own_event_files_the_same_way()
    {
        using var temp = new TempDirectory();
        string path;
        using (var writer = new SummaryWriter(temp.FullPath))
        {
            writer.AddScalar("train/loss", 0.5f, 7);
            writer.AddText("notes", "hello", 7);
            path = writer.FilePath;
        }

        var result = Schemagen.Run("cat", path, "--events");

        Assert.Equal("", result.Error);
        var lines = result.OutLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal("brain.Event:2", lines[0].GetProperty("fileVersion").GetString());
        var scalar = lines[1].GetProperty("summary").GetProperty("value")[0];
        Assert.Equal("7", lines[1].GetProperty("step").GetString());
        Assert.Equal("train/loss", scalar.GetProperty("tag").GetString());
        Assert.Equal("scalars", scalar.GetProperty("metadata").GetProperty("pluginData").GetProperty("pluginName").GetString());
        Assert.Equal("DT_FLOAT", scalar.GetProperty("tensor").GetProperty("dtype").GetString());
        Assert.Equal(Convert.ToBase64String(BitConverter.GetBytes(0.5f)), scalar.GetProperty("tensor").GetProperty("tensorContent").GetString());
        var text = lines[2].GetProperty("summary").GetProperty("value")[0].GetProperty("tensor");
        Assert.Equal(Convert.ToBase64String("hello"u8.ToArray()), text.GetProperty("stringVal")[0].GetString());

        // Without --events the records are read as Examples, as before.
        Assert.StartsWith("{}\n", Schemagen.Run("cat", path).Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Scalars_prints_last_min_max_and_count_per_run_and_tag()
    {
        using var temp = new TempDirectory();
        float[] loss = [2.5f, 1.75f, 1.25f, 0.875f, 1f];
        float[] accuracy = [0.125f, 0.5f];
        using (var a = new SummaryWriter(temp.File("runs/a")))
        {
            for (int i = 0; i < loss.Length; i++)
            {
                a.AddScalar("train/loss", loss[i], i * 10);
            }

            a.AddScalar("eval/accuracy", accuracy[0], 0);
            a.AddScalar("eval/accuracy", accuracy[1], 40);
        }

        using (var b = new SummaryWriter(temp.File("runs/b")))
        {
            b.AddScalar("train/loss", 3f, 0);
            b.AddText("notes", "not a scalar", 0);
        }

        var result = Schemagen.Run("scalars", temp.File("runs"));

        Assert.Equal("", result.Error);
        Assert.Equal(0, result.ExitCode);
        string[] expected =
        [
            "a",
            Row("tag", "last", "min", "max", "steps"),
            Row("train/loss", "1", "0.875", "2.5", "5"),
            Row("eval/accuracy", "0.5", "0.125", "0.5", "2"),
            "b",
            Row("tag", "last", "min", "max", "steps"),
            Row("train/loss", "3", "3", "3", "1"),
        ];
        Assert.Equal(expected.Select(Collapse), result.OutLines.Select(Collapse));
    }

    [Fact]
    public void Scalars_reads_the_legacy_simple_value_of_a_PyTorch_run()
    {
        // The values, read here with protoc's classes and nothing of the command.
        var values = RecordPayloadReader.Read(InteropFiles.Path(PytorchFile)).Skip(1)
            .Select(r => Tensorboard.Event.Parser.ParseFrom(r).Summary.Value[0].SimpleValue).ToList();

        var result = Schemagen.Run("scalars", InteropFiles.Path(PytorchRun));

        Assert.Equal(0, result.ExitCode);
        string[] cells = result.OutLines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("strict/foo", cells[0]);
        // float32 values print as their shortest round-trip form.
        Assert.Equal(1.212090253829956f, float.Parse(cells[1], CultureInfo.InvariantCulture));
        Assert.Equal(values.Min(), float.Parse(cells[2], CultureInfo.InvariantCulture));
        Assert.Equal(values.Max(), float.Parse(cells[3], CultureInfo.InvariantCulture));
        Assert.Equal("100", cells[4]);
        // The extremes as a Python struct decode of the file's frames gives them.
        Assert.Equal(1.0012359619140625f, values.Min());
        Assert.Equal(1.9970664978027344f, values.Max());
    }

    [Fact]
    public void A_resumed_run_drops_the_steps_its_session_start_purges()
    {
        using var temp = new TempDirectory();
        var clock = new SteppingClock();
        using (var first = new SummaryWriter(temp.FullPath, new SummaryWriterOptions { TimeProvider = clock }))
        {
            for (int step = 0; step < 10; step++)
            {
                first.AddScalar("loss", 100 + step, step);
            }
        }

        // The crashed run checkpointed at step 5: the resumed one starts there, in a later file.
        using (var resumed = new SummaryWriter(temp.FullPath, new SummaryWriterOptions { TimeProvider = clock, ResumeStep = 5 }))
        {
            for (int step = 5; step < 8; step++)
            {
                resumed.AddScalar("loss", step, step);
            }
        }

        var result = Schemagen.Run("scalars", temp.FullPath);

        Assert.Equal(Collapse(Row("loss", "7", "5", "104", "8")), Collapse(result.OutLines[2]));
    }

    [Fact]
    public void Plot_draws_one_chart_per_tag_into_a_png_of_the_asked_size()
    {
        using var temp = new TempDirectory();
        foreach (string run in new[] { "x", "y" })
        {
            using var writer = new SummaryWriter(temp.File(run));
            for (int step = 0; step < 50; step++)
            {
                writer.AddScalar("loss", 1.0 / (step + 1), step);
                writer.AddScalar("accuracy", step / 50.0, step);
                writer.AddScalar("lr", 0.1, step);
            }
        }

        var result = Schemagen.Run("plot", temp.FullPath, "--out", temp.File("out/curves.png"), "--smoothing", "0.9", "--width", "300", "--height", "200");

        Assert.Equal("", result.Error);
        Assert.Equal(0, result.ExitCode);
        // Three charts, two to a row.
        var png = PngPicture.Load(temp.File("out/curves.png"));
        Assert.Equal((600, 400), (png.Width, png.Height));
        Assert.True(png.Rgb.Distinct().Count() > 4, "the chart has more than a background");

        var one = Schemagen.Run("plot", temp.File("x"), "--out", temp.File("loss.png"), "--tag", "loss");
        Assert.Equal(0, one.ExitCode);
        var single = PngPicture.Load(temp.File("loss.png"));
        Assert.Equal((640, 400), (single.Width, single.Height));
    }

    [Fact]
    public void Plot_names_a_tag_no_run_has_and_a_folder_without_events()
    {
        using var temp = new TempDirectory();
        using (var writer = new SummaryWriter(temp.File("run")))
        {
            writer.AddScalar("loss", 1f, 0);
        }

        var missingTag = Schemagen.Run("plot", temp.File("run"), "--out", temp.File("a.png"), "--tag", "acc");
        Assert.Equal(1, missingTag.ExitCode);
        Assert.Contains("'acc'", missingTag.Error);
        Assert.Contains("loss", missingTag.Error);

        Directory.CreateDirectory(temp.File("empty"));
        var empty = Schemagen.Run("scalars", temp.File("empty"));
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("no event files", empty.Error);
        Assert.False(File.Exists(temp.File("a.png")));
    }

    [Theory]
    [InlineData(0.6)]
    [InlineData(0.0)]
    [InlineData(0.99)]
    public void Smoothing_is_TensorBoards_debiased_moving_average(double weight)
    {
        double[] values = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
        double[] smoothed = TensorBoardSmoothing.Smooth(values, weight);

        // The closed form of an EMA started at 0 and divided by 1 - w^(n+1): sum (1-w) w^(n-i) x_i / (1 - w^(n+1)).
        for (int n = 0; n < values.Length; n++)
        {
            double sum = 0;
            for (int i = 0; i <= n; i++)
            {
                sum += (1 - weight) * Math.Pow(weight, n - i) * values[i];
            }

            Assert.Equal(sum / (1 - Math.Pow(weight, n + 1)), smoothed[n], 12);
        }
    }

    [Fact]
    public void Smoothing_keeps_a_constant_curve_and_passes_non_finite_values_through()
    {
        Assert.Equal([2.0, 2.0, 2.0], TensorBoardSmoothing.Smooth([2.0, 2.0, 2.0], 0.6));
        double[] smoothed = TensorBoardSmoothing.Smooth([1.0, double.NaN, 3.0], 0.5);
        Assert.Equal(1.0, smoothed[0], 12);
        Assert.True(double.IsNaN(smoothed[1]));
        // The NaN does not count: the second finite point is debiased by 1 - 0.5^2.
        Assert.Equal(((0.5 * 0.5 * 1) + (0.5 * 3)) / 0.75, smoothed[2], 12);
    }

    private static string Row(params string[] cells) => "  " + string.Join(" ", cells);

    private static string Collapse(string line) => string.Join(" ", line.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A clock a second apart per file, so the two event files of a resumed run sort by time.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

        public override DateTimeOffset GetUtcNow() => _now = _now.AddSeconds(1);
    }
}
