using System.Diagnostics;
using System.Security.Cryptography;
using SchemaGen.Fuzz.Targets;

namespace SchemaGen.Fuzz.Mutation;

/// <summary>
/// Runs inputs through a target and judges the outcome: an exception the target did not catch, a broken property, an
/// allocation over the target's bound or a run over <see cref="SlowRun"/> is a finding, saved under its digest.
/// </summary>
public sealed class FuzzRun(IFuzzTarget target, string? findingsDirectory)
{
    /// <summary>A run longer than this is a finding (the inputs are small: every path is meant to be linear).</summary>
    public static readonly TimeSpan SlowRun = TimeSpan.FromSeconds(5);

    public long Executions { get; private set; }

    public List<string> Findings { get; } = [];

    /// <summary>Runs one input; returns the finding's description, or null.</summary>
    public string? Execute(byte[] input)
    {
        Executions++;
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        string? finding = null;
        try
        {
            target.Run(input);
        }
        catch (Exception e)
        {
            finding = $"{e.GetType().Name}: {e.Message}\n{e}";
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        if (finding is null && allocated > target.AllocationBound(input.Length))
        {
            finding = $"allocated {allocated} bytes for an input of {input.Length} (bound {target.AllocationBound(input.Length)})";
        }

        if (finding is null && clock.Elapsed > SlowRun)
        {
            finding = $"took {clock.Elapsed.TotalSeconds:F1} s for an input of {input.Length} bytes";
        }

        if (finding is not null)
        {
            Record(input, finding);
        }

        return finding;
    }

    /// <summary>Mutates seeds for <paramref name="duration"/> (or <paramref name="iterations"/>), drawing from <paramref name="seed"/>.</summary>
    public void Mutate(int seed, TimeSpan duration, long iterations)
    {
        var seeds = target.Seeds();
        var corpus = new List<byte[]>(seeds);
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        foreach (byte[] input in seeds)
        {
            Execute(input);
        }

        while (clock.Elapsed < duration && Executions < iterations)
        {
            byte[] parent = corpus[random.Next(corpus.Count)];
            byte[] child = Mutator.Apply(parent, Mutator.Draw(random, random.Next(1, 6)), corpus);
            if (child.Length > 1 << 20)
            {
                continue;
            }

            Execute(child);

            // Keep a few children as parents, so mutations compound (no coverage feedback here: afl++ has that).
            if (random.Next(16) == 0 && corpus.Count < 4096)
            {
                corpus.Add(child);
            }
        }
    }

    private void Record(byte[] input, string finding)
    {
        string name = Convert.ToHexStringLower(SHA256.HashData(input))[..16];
        Findings.Add($"{name}: {finding.Split('\n')[0]}");
        if (findingsDirectory is not null)
        {
            Directory.CreateDirectory(findingsDirectory);
            File.WriteAllBytes(Path.Combine(findingsDirectory, name), input);
            File.WriteAllText(Path.Combine(findingsDirectory, name + ".txt"), finding);
        }
    }
}
