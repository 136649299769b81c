using Google.Protobuf.WellKnownTypes;
using Tensorboard.Hparams;

namespace SchemaGen.TensorBoard.Tests;

public sealed class HyperparameterTests
{
    private const long Millis = 1_796_542_200_123;
    private const double WallTime = 1796542200.123;

    [Fact]
    public void Hyperparameters_and_final_metrics_are_the_hparams_plugins_messages()
    {
        var hparams = new Dictionary<string, object> { ["optimizer"] = "adam", ["lr"] = 0.001, ["batch"] = 128, ["augment"] = true };
        var metrics = new Dictionary<string, double> { ["val/accuracy"] = 0.875, ["loss"] = 0.25 };
        var events = Write(w => w.AddHyperparameters(hparams, metrics, step: 40, trialId: "trial-7"));

        // Experiment, session start, the two metrics (ordinal order), session end.
        Assert.Equal(6, events.Count);
        var experiment = new Experiment
        {
            TimeCreatedSecs = WallTime,
            HparamInfos =
            {
                new HParamInfo { Name = "augment", Type = Tensorboard.Hparams.DataType.Bool },
                new HParamInfo { Name = "batch", Type = Tensorboard.Hparams.DataType.Float64 },
                new HParamInfo { Name = "lr", Type = Tensorboard.Hparams.DataType.Float64 },
                new HParamInfo { Name = "optimizer", Type = Tensorboard.Hparams.DataType.String },
            },
            MetricInfos =
            {
                new MetricInfo { Name = new MetricName { Tag = "loss" } },
                new MetricInfo { Name = new MetricName { Tag = "val/accuracy" } },
            },
        };
        AssertHparams(events[1], "_hparams_/experiment", new HParamsPluginData { Experiment = experiment });

        var start = new SessionStartInfo { GroupName = "trial-7", StartTimeSecs = WallTime };
        start.Hparams.Add("augment", Value.ForBool(true));
        start.Hparams.Add("batch", Value.ForNumber(128));
        start.Hparams.Add("lr", Value.ForNumber(0.001));
        start.Hparams.Add("optimizer", Value.ForString("adam"));
        AssertHparams(events[2], "_hparams_/session_start_info", new HParamsPluginData { SessionStartInfo = start });

        Assert.Equal(Expected.Event(WallTime, 40, Expected.Value("loss", Expected.FloatScalar(0.25f), "scalars")), events[3]);
        Assert.Equal(Expected.Event(WallTime, 40, Expected.Value("val/accuracy", Expected.FloatScalar(0.875f), "scalars")), events[4]);

        var end = new SessionEndInfo { Status = Status.Success, EndTimeSecs = WallTime };
        AssertHparams(events[5], "_hparams_/session_end_info", new HParamsPluginData { SessionEndInfo = end });
    }

    [Fact]
    public void Without_a_trial_id_the_group_is_the_sha256_of_the_values_as_python_dumps_them()
    {
        var hparams = new Dictionary<string, object>
        {
            ["lr"] = 0.001, ["optimizer"] = "adam", ["batch"] = 128, ["augment"] = true, ["décor"] = "é\"q",
            ["big"] = 1e16, ["small"] = 0.00001, ["f32"] = 0.1f, ["whole"] = 3.0,
        };
        var events = Write(w => w.AddHyperparameters(hparams, new Dictionary<string, double>()));
        var start = HParamsPluginData.Parser.ParseFrom(events[2].Summary.Value[0].Metadata.PluginData.Content).SessionStartInfo;

        // python3: json.dumps(h, sort_keys=True, separators=(",", ":")) is
        // {"augment":true,"batch":128,"big":1e+16,"d\u00e9cor":"\u00e9\"q","f32":0.10000000149011612,"lr":0.001,"optimizer":"adam","small":1e-05,"whole":3.0}
        // and hashlib.sha256 of its UTF-8 bytes:
        Assert.Equal("769b4aa25f256e31e1c2bf3045c42e27a56b182be82571713997af212b6d3ad6", start.GroupName);
        Assert.Equal((double)0.1f, start.Hparams["f32"].NumberValue);
    }

    [Fact]
    public void An_unsupported_value_type_is_refused_with_its_name()
    {
        using var dir = new TempDirectory();
        using var writer = new SummaryWriter(dir.FullPath);
        var error = Assert.Throws<ArgumentException>(() => writer.AddHyperparameters(
            new Dictionary<string, object> { ["when"] = DateTime.UnixEpoch }, new Dictionary<string, double>()));
        Assert.Contains("'when'", error.Message);
    }

    private static void AssertHparams(Event e, string tag, HParamsPluginData data)
    {
        Assert.Equal(0, e.Step);
        Assert.Equal(WallTime, e.WallTime);
        var value = Assert.Single(e.Summary.Value);
        Assert.Equal(tag, value.Tag);
        Assert.Equal("hparams", value.Metadata.PluginData.PluginName);
        // The plugin's placeholder tensor: make_tensor_proto([], DT_FLOAT, shape=(0,)).
        Assert.Equal(Expected.Tensor(Tensorboard.DataType.DtFloat, 0), value.Tensor);
        Assert.Equal(data, HParamsPluginData.Parser.ParseFrom(value.Metadata.PluginData.Content));
    }

    private static List<Event> Write(Action<SummaryWriter> add)
    {
        using var dir = new TempDirectory();
        string path;
        using (var writer = new SummaryWriter(dir.FullPath, new SummaryWriterOptions { TimeProvider = new FakeClock(Millis) }))
        {
            add(writer);
            path = writer.FilePath;
        }

        return EventFiles.Read(path);
    }
}
