using System.CommandLine;
using System.Globalization;
using SchemaGen.Cli.Scalars;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// <c>schemagen scalars RUN_DIR...</c>: for each run (a folder of TensorBoard event files, found as
/// <c>tensorboard --logdir</c> finds them), each scalar tag's last value, min, max and number of points.
/// </summary>
internal sealed class ScalarsCommand : Command
{
    private readonly Argument<string[]> _runs = new("RUN_DIR")
    {
        Description = "Run folders (or folders of runs, or event files): TensorBoard's --logdir.",
        HelpName = "RUN_DIR...",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly string[] Header = ["tag", "last", "min", "max", "steps"];

    public ScalarsCommand(CliConsole console)
        : base("scalars", "Print each scalar tag's last, min and max value and step count, per run of TensorBoard event files.")
    {
        Add(_runs);
        SetAction(result => Execute(result.GetRequiredValue(_runs), console.Out));
    }

    internal static string Format(double value) =>
        value == (float)value ? ((float)value).ToString("R", CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);

    private static int Execute(string[] paths, TextWriter output)
    {
        foreach (string path in paths)
        {
            foreach (var run in EventScalarReader.ReadRuns(path))
            {
                output.WriteLine(run.Name);
                var rows = new List<string[]> { Header };
                foreach (var (tag, points) in run.Curves)
                {
                    if (points.Count == 0)
                    {
                        continue;
                    }

                    rows.Add(
                    [
                        tag,
                        Format(points[^1].Value),
                        Format(points.Min(p => p.Value)),
                        Format(points.Max(p => p.Value)),
                        points.Count.ToString(CultureInfo.InvariantCulture),
                    ]);
                }

                int[] widths = Enumerable.Range(0, 5).Select(c => rows.Max(r => r[c].Length)).ToArray();
                foreach (var row in rows)
                {
                    output.WriteLine("  " + string.Join("  ", row.Select((cell, c) => c == 4 ? cell : cell.PadRight(widths[c]))));
                }
            }
        }

        return 0;
    }
}
