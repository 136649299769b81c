using System.Globalization;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// Which shards this process of a cluster job converts: <c>--shard-index</c>/<c>--shard-count</c> when given, else
/// the scheduler's environment. Kubernetes' Indexed Job sets <c>JOB_COMPLETION_INDEX</c> but no count (pass
/// <c>--shard-count</c> equal to <c>.spec.completions</c>); a Slurm job array sets <c>SLURM_ARRAY_TASK_ID</c> and
/// <c>SLURM_ARRAY_TASK_COUNT</c>, and the index counts from <c>SLURM_ARRAY_TASK_MIN</c> in steps of
/// <c>SLURM_ARRAY_TASK_STEP</c>, so <c>--array=1-8</c> and <c>--array=0-14:2</c> both give indexes 0 to 7.
/// </summary>
internal static class ClusterShard
{
    public const string KubernetesIndex = "JOB_COMPLETION_INDEX";
    public const string SlurmId = "SLURM_ARRAY_TASK_ID";
    public const string SlurmCount = "SLURM_ARRAY_TASK_COUNT";
    public const string SlurmMin = "SLURM_ARRAY_TASK_MIN";
    public const string SlurmMax = "SLURM_ARRAY_TASK_MAX";
    public const string SlurmStep = "SLURM_ARRAY_TASK_STEP";

    /// <summary>The index and count; (0, 1) for a single process.</summary>
    /// <param name="index">--shard-index, if given.</param>
    /// <param name="count">--shard-count, if given.</param>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    /// <exception cref="CliException">The flags and the environment are incomplete or contradict each other.</exception>
    public static (int Index, int Count) Resolve(int? index, int? count, Func<string, string?> environment)
    {
        if (index is { } given)
        {
            return (given, count ?? throw Error("--shard-index needs --shard-count (how many jobs share the conversion)"));
        }

        if (Read(environment, KubernetesIndex) is { } completionIndex)
        {
            // Kubernetes passes no completion count to the pod: the manifest repeats .spec.completions as --shard-count.
            return (completionIndex, count ?? throw Error(
                $"{KubernetesIndex}={completionIndex} is set (a Kubernetes Indexed Job), but Kubernetes gives no job count: pass --shard-count equal to the Job's completions"));
        }

        if (Read(environment, SlurmId) is { } id)
        {
            int taskCount = Read(environment, SlurmCount) ?? throw Error($"{SlurmId} is set but {SlurmCount} is not");
            int min = Read(environment, SlurmMin) ?? 0;
            int step = Read(environment, SlurmStep) ?? 1;
            if (step < 1 || (id - min) % step != 0 || id < min)
            {
                throw Error($"{SlurmId}={id} is not on the array's range (min {min}, step {step})");
            }

            // A list such as --array=1,4,9 has no constant step: its indexes would not be 0 … count-1.
            if (Read(environment, SlurmMax) is { } max && (max - min) / step + 1 != taskCount)
            {
                throw Error($"the Slurm array ({SlurmMin}={min}, {SlurmMax}={max}, {SlurmStep}={step}) is not one range of {taskCount} tasks; use --array=0-{taskCount - 1}");
            }

            int slurmIndex = (id - min) / step;
            if (count is { } countGiven && countGiven != taskCount)
            {
                throw Error($"--shard-count {countGiven} contradicts {SlurmCount}={taskCount}");
            }

            return (slurmIndex, taskCount);
        }

        if (count is > 1)
        {
            throw Error($"--shard-count {count} needs --shard-index, or {KubernetesIndex} or {SlurmId} in the environment");
        }

        return (0, 1);
    }

    private static int? Read(Func<string, string?> environment, string name)
    {
        string? text = environment(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw Error($"{name}='{text}' is not a non-negative integer");
    }

    private static CliException Error(string message) => new($"schemagen convert: {message}");
}
