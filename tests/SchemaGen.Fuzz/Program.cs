using System.Diagnostics;
using SchemaGen.Fuzz.Mutation;
using SchemaGen.Fuzz.Targets;

namespace SchemaGen.Fuzz;

/// <summary>
/// <c>dotnet SchemaGen.Fuzz.dll list | seeds TARGET DIR | run TARGET [--seconds N] [--iterations N] [--seed N]
/// [--findings DIR] | replay TARGET FILE... | afl TARGET</c>. See README.md.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            return Usage();
        }

        switch (args[0])
        {
            case "list":
                foreach (var target in FuzzTargets.All)
                {
                    Console.WriteLine(target.Name);
                }

                return 0;
            case "seeds" when args.Length == 3:
                return WriteSeeds(FuzzTargets.Named(args[1]), args[2]);
            case "run" when args.Length >= 2:
                return Run(FuzzTargets.Named(args[1]), args[2..]);
            case "replay" when args.Length >= 3:
                return Replay(FuzzTargets.Named(args[1]), args[2..]);
            case "afl" when args.Length == 2:
                return Afl(FuzzTargets.Named(args[1]));
            default:
                return Usage();
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: SchemaGen.Fuzz list | seeds TARGET DIR | run TARGET [--seconds N] [--iterations N] [--seed N] [--findings DIR] | replay TARGET FILE... | afl TARGET");
        return 2;
    }

    private static int WriteSeeds(IFuzzTarget target, string directory)
    {
        Directory.CreateDirectory(directory);
        var seeds = target.Seeds();
        for (int i = 0; i < seeds.Count; i++)
        {
            File.WriteAllBytes(Path.Combine(directory, $"seed-{i:D3}"), seeds[i]);
        }

        Console.WriteLine($"{target.Name}: {seeds.Count} seeds in {directory}");
        return 0;
    }

    private static int Run(IFuzzTarget target, string[] options)
    {
        double seconds = 60;
        long iterations = long.MaxValue;
        int seed = Environment.TickCount;
        string? findings = null;
        for (int i = 0; i + 1 < options.Length; i += 2)
        {
            switch (options[i])
            {
                case "--seconds": seconds = double.Parse(options[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--iterations": iterations = long.Parse(options[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(options[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--findings": findings = options[i + 1]; break;
                default: return Usage();
            }
        }

        var run = new FuzzRun(target, findings is null ? null : Path.Combine(findings, target.Name));
        var clock = Stopwatch.StartNew();
        run.Mutate(seed, TimeSpan.FromSeconds(seconds), iterations);
        double minutes = clock.Elapsed.TotalMinutes;
        Console.WriteLine($"{target.Name}: {run.Executions} executions in {clock.Elapsed.TotalSeconds:F0} s ({run.Executions / minutes:F0} per minute), seed {seed}, {run.Findings.Count} findings");
        foreach (string finding in run.Findings)
        {
            Console.WriteLine($"  {finding}");
        }

        (target as IDisposable)?.Dispose();
        return run.Findings.Count == 0 ? 0 : 1;
    }

    private static int Replay(IFuzzTarget target, string[] files)
    {
        var run = new FuzzRun(target, findingsDirectory: null);
        foreach (string file in files)
        {
            string? finding = run.Execute(File.ReadAllBytes(file));
            Console.WriteLine($"{file}: {finding ?? "ok"}");
        }

        (target as IDisposable)?.Dispose();
        return run.Findings.Count == 0 ? 0 : 1;
    }

    // Under afl-fuzz, on assemblies instrumented by the sharpfuzz tool: an exception that escapes is a crash.
    private static int Afl(IFuzzTarget target)
    {
        SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target.Run(buffer.ToArray());
        });
        return 0;
    }
}
