using System.CommandLine;
using System.Globalization;
using SchemaGen.Cli.Scalars;
using ScottPlot;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// <c>schemagen plot RUN_DIR... --out curves.png [--smoothing 0.6] [--tag TAG...]</c>: one chart per scalar tag,
/// a curve per run, drawn as TensorBoard draws them: the smoothed curve solid over the raw one faint.
/// </summary>
internal sealed class PlotCommand : Command
{
    private readonly Argument<string[]> _runs = new("RUN_DIR")
    {
        Description = "Run folders (or folders of runs, or event files): TensorBoard's --logdir.",
        HelpName = "RUN_DIR...",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string> _out = new("--out") { Description = "The PNG to write.", Required = true };
    private readonly Option<double> _smoothing = new("--smoothing")
    {
        Description = "TensorBoard's smoothing weight, 0 (none) to 0.999.",
        DefaultValueFactory = _ => 0.6,
    };

    private readonly Option<string[]> _tags = new("--tag")
    {
        Description = "Only these tags (repeat the option); all scalar tags without it.",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<int> _width = new("--width") { Description = "Pixels per chart, across.", DefaultValueFactory = _ => 640 };
    private readonly Option<int> _height = new("--height") { Description = "Pixels per chart, down.", DefaultValueFactory = _ => 400 };

    public PlotCommand(CliConsole console)
        : base("plot", "Draw the scalar curves of one or more runs of TensorBoard event files into a PNG, smoothed as TensorBoard smooths them.")
    {
        Add(_runs);
        Add(_out);
        Add(_smoothing);
        Add(_tags);
        Add(_width);
        Add(_height);
        _smoothing.Validators.Add(result =>
        {
            double weight = result.GetValueOrDefault<double>();
            if (!(weight >= 0 && weight < 1))
            {
                result.AddError("--smoothing must be at least 0 and less than 1.");
            }
        });
        foreach (var option in new[] { _width, _height })
        {
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < 100)
                {
                    result.AddError($"{option.Name} must be at least 100.");
                }
            });
        }

        SetAction(result => Execute(
            result.GetRequiredValue(_runs),
            result.GetRequiredValue(_out),
            result.GetValue(_smoothing),
            result.GetValue(_tags) ?? [],
            result.GetValue(_width),
            result.GetValue(_height),
            console.Out));
    }

    private static int Execute(string[] paths, string output, double smoothing, string[] tagFilter, int width, int height, TextWriter console)
    {
        var runs = paths.SelectMany(EventScalarReader.ReadRuns).ToList();
        var tags = runs.SelectMany(r => r.Curves.Where(c => c.Value.Count > 0).Select(c => c.Key)).Distinct(StringComparer.Ordinal).ToList();
        if (tagFilter.Length > 0)
        {
            string? missing = tagFilter.FirstOrDefault(t => !tags.Contains(t, StringComparer.Ordinal));
            if (missing is not null)
            {
                throw new CliException($"schemagen plot: no run has the scalar tag '{missing}' (tags: {string.Join(", ", tags)})");
            }

            tags = [.. tagFilter.Distinct(StringComparer.Ordinal)];
        }

        if (tags.Count == 0)
        {
            throw new CliException($"schemagen plot: the runs hold no scalars ({string.Join(", ", runs.Select(r => r.Name))})");
        }

        int columns = Math.Min(tags.Count, 2);
        int rows = (tags.Count + columns - 1) / columns;
        var multiplot = new Multiplot();
        while (multiplot.Subplots.Count < tags.Count)
        {
            multiplot.AddPlot();
        }

        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        var palette = new ScottPlot.Palettes.Category10();
        for (int t = 0; t < tags.Count; t++)
        {
            var plot = multiplot.GetPlot(t);
            plot.Title(tags[t]);
            plot.XLabel("step");
            for (int r = 0; r < runs.Count; r++)
            {
                if (!runs[r].Curves.TryGetValue(tags[t], out var points) || points.Count == 0)
                {
                    continue;
                }

                var colour = palette.GetColor(r);
                double[] steps = points.Select(p => (double)p.Step).ToArray();
                double[] values = points.Select(p => p.Value).ToArray();
                if (smoothing > 0)
                {
                    var raw = plot.Add.ScatterLine(steps, values, colour.WithAlpha(0.25));
                    raw.LineWidth = 1;
                }

                var smoothed = plot.Add.Scatter(steps, TensorBoardSmoothing.Smooth(values, smoothing), colour);
                smoothed.LineWidth = 2;
                // A line needs two points: a lone value (a final metric) shows as a dot.
                smoothed.MarkerSize = points.Count == 1 ? 8 : 0;
                smoothed.LegendText = runs[r].Name;
            }

            plot.ShowLegend(Alignment.UpperRight);
        }

        string? folder = Path.GetDirectoryName(Path.GetFullPath(output));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        multiplot.SavePng(output, width * columns, height * rows);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{output}: {tags.Count} charts, {runs.Count} runs"));
        return 0;
    }
}
