using SchemaGen.Cli.Commands;

namespace SchemaGen.Cli.Tests.Commands;

/// <summary>Which shards a process converts, from its flags or its scheduler's environment variables.</summary>
public class ClusterShardTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return name => map.GetValueOrDefault(name);
    }

    [Fact]
    public void Without_flags_or_environment_one_process_writes_everything() =>
        Assert.Equal((0, 1), ClusterShard.Resolve(null, null, Env()));

    [Fact]
    public void Flags_win_over_the_environment() =>
        Assert.Equal((2, 5), ClusterShard.Resolve(2, 5, Env(("JOB_COMPLETION_INDEX", "4"), ("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_COUNT", "9"))));

    [Fact]
    public void Kubernetes_completion_index_with_the_count_from_the_flag() =>
        Assert.Equal((3, 4), ClusterShard.Resolve(null, 4, Env(("JOB_COMPLETION_INDEX", "3"))));

    [Fact]
    public void Kubernetes_completion_index_without_a_count_is_an_error_that_says_what_to_pass()
    {
        var error = Assert.Throws<CliException>(() => ClusterShard.Resolve(null, null, Env(("JOB_COMPLETION_INDEX", "3"))));
        Assert.Contains("JOB_COMPLETION_INDEX=3", error.Message, StringComparison.Ordinal);
        Assert.Contains("--shard-count", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    // --array=0-3: ids 0..3.
    [InlineData("2", "4", "0", "3", "1", 2)]
    // --array=1-4: SLURM_ARRAY_TASK_MIN is 1, so id 1 is index 0.
    [InlineData("1", "4", "1", "4", "1", 0)]
    [InlineData("4", "4", "1", "4", "1", 3)]
    // --array=10-16:2: ids 10, 12, 14, 16.
    [InlineData("14", "4", "10", "16", "2", 2)]
    public void Slurm_array_task_id_counts_from_the_minimum_in_steps(string id, string count, string min, string max, string step, int expected) =>
        Assert.Equal((expected, 4), ClusterShard.Resolve(null, null, Env(
            ("SLURM_ARRAY_TASK_ID", id), ("SLURM_ARRAY_TASK_COUNT", count), ("SLURM_ARRAY_TASK_MIN", min), ("SLURM_ARRAY_TASK_MAX", max), ("SLURM_ARRAY_TASK_STEP", step))));

    [Fact]
    public void A_slurm_array_given_as_a_list_is_refused()
    {
        // --array=1,4,9: min 1, max 9, three tasks; no constant step maps them to 0, 1, 2.
        var error = Assert.Throws<CliException>(() => ClusterShard.Resolve(null, null, Env(
            ("SLURM_ARRAY_TASK_ID", "4"), ("SLURM_ARRAY_TASK_COUNT", "3"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_MAX", "9"))));
        Assert.Contains("not one range of 3 tasks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shard_count_flag_that_contradicts_slurm_is_an_error() =>
        Assert.Contains("contradicts SLURM_ARRAY_TASK_COUNT=4", Assert.Throws<CliException>(() =>
            ClusterShard.Resolve(null, 8, Env(("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_ARRAY_TASK_COUNT", "4")))).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("JOB_COMPLETION_INDEX", "x")]
    [InlineData("JOB_COMPLETION_INDEX", "-1")]
    [InlineData("SLURM_ARRAY_TASK_ID", "1.5")]
    public void A_malformed_variable_is_named_in_the_error(string name, string value)
    {
        var error = Assert.Throws<CliException>(() => ClusterShard.Resolve(null, 2, Env((name, value), ("SLURM_ARRAY_TASK_COUNT", "2"))));
        Assert.Contains($"{name}='{value}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shard_count_without_an_index_from_anywhere_is_an_error() =>
        Assert.Contains("needs --shard-index", Assert.Throws<CliException>(() => ClusterShard.Resolve(null, 3, Env())).Message, StringComparison.Ordinal);
}
