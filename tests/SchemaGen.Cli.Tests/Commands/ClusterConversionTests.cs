using System.Diagnostics;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SchemaGen.Testing.Storage;

namespace SchemaGen.Cli.Tests.Commands;

/// <summary>
/// <c>convert</c> as the processes of a cluster job: N real <c>schemagen</c> processes, each told its index by the
/// scheduler's environment as Kubernetes or Slurm tells it, then <c>finalize</c>; the output must be a single
/// process's byte for byte.
/// </summary>
public sealed class ClusterConversionTests : IDisposable
{
    private const int Shards = 5;
    private readonly TempDirectory _temp = new();

    private static string Archive => Fixtures.Path("cifar-10-python-mini.tar.gz");

    private static readonly string[] Options = ["--shards", Shards.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "7", "--index"];

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Kubernetes_indexed_job_processes_then_finalize_equal_one_process()
    {
        string single = SingleRun();
        string union = _temp.File("k8s");
        RunJobs(3, job => [("JOB_COMPLETION_INDEX", job.ToString(System.Globalization.CultureInfo.InvariantCulture))], union, "--shard-count", "3");

        Assert.False(File.Exists(Path.Combine(union, "dataset_info.json")));
        var finalize = RunProcess([], "finalize", union);
        Assert.Equal((0, ""), (finalize.ExitCode, finalize.Error));

        Assert.Equal(Snapshot(single), Snapshot(union, withoutManifests: true));
        Assert.Equal(["_job-00000-of-00003.json", "_job-00001-of-00003.json", "_job-00002-of-00003.json"],
            Directory.GetFiles(union, "_*").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Slurm_array_processes_counting_from_one_then_finalize_equal_one_process()
    {
        string single = SingleRun();
        string union = _temp.File("slurm");
        // sbatch --array=1-2: ids 1 and 2, SLURM_ARRAY_TASK_MIN=1.
        RunJobs(2, job => [("SLURM_ARRAY_TASK_ID", (job + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("SLURM_ARRAY_TASK_COUNT", "2"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_MAX", "2"), ("SLURM_ARRAY_TASK_STEP", "1")], union);

        Assert.Equal(0, Schemagen.Run("finalize", union).ExitCode);
        Assert.Equal(Snapshot(single), Snapshot(union, withoutManifests: true));
    }

    [Fact]
    public void Finalize_before_every_job_has_finished_names_the_missing_job_and_writes_nothing()
    {
        string union = _temp.File("partial");
        foreach (int job in new[] { 0, 2 })
        {
            Assert.Equal(0, Schemagen.Run(["convert", Archive, union, .. Options, "--shard-index", $"{job}", "--shard-count", "3"]).ExitCode);
        }

        var result = Schemagen.Run("finalize", union);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1 of 3 jobs have not finished (no _job-00001-of-00003.json", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(union, "dataset_info.json")));
    }

    [Fact]
    public void Finalize_refuses_a_shard_changed_after_its_job_wrote_it()
    {
        string union = _temp.File("changed");
        for (int job = 0; job < 2; job++)
        {
            Assert.Equal(0, Schemagen.Run(["convert", Archive, union, .. Options, "--shard-index", $"{job}", "--shard-count", "2"]).ExitCode);
        }

        string shard = Path.Combine(union, "train.tfrecord-00003-of-00005");
        File.WriteAllBytes(shard, File.ReadAllBytes(shard)[..^1]);

        var result = Schemagen.Run("finalize", union);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{shard}: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("but job 1 wrote", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(union, "dataset_info.json")));
    }

    [Fact]
    public void Finalize_refuses_jobs_that_converted_with_different_options()
    {
        string union = _temp.File("mixed");
        Assert.Equal(0, Schemagen.Run(["convert", Archive, union, .. Options, "--shard-index", "0", "--shard-count", "2"]).ExitCode);
        Assert.Equal(0, Schemagen.Run(["convert", Archive, union, "--shards", "5", "--seed", "8", "--index", "--shard-index", "1", "--shard-count", "2"]).ExitCode);

        var result = Schemagen.Run("finalize", union);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("job 1 describes a different dataset than job 0", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexed_job_processes_writing_to_azure_blob_then_finalize_equal_one_local_process()
    {
        string single = SingleRun();
        using var azurite = new AzuriteServer();
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("datasets");
        container.Create();
        var connection = ("AZURE_STORAGE_CONNECTION_STRING", azurite.ConnectionString);
        const string Output = "az://datasets/cifar10/";

        RunJobs(2, job => [connection, ("JOB_COMPLETION_INDEX", job.ToString(System.Globalization.CultureInfo.InvariantCulture))], Output, "--shard-count", "2");
        Assert.False(container.GetBlobClient("cifar10/dataset_info.json").Exists().Value);
        var finalize = RunProcess([connection], "finalize", Output);
        Assert.True(finalize.ExitCode == 0, finalize.Error);
        Assert.Equal("wrote az://datasets/cifar10/dataset_info.json\n", finalize.Output);

        // Fetched with the SDK, not through SchemaGen's store.
        var blobs = container.GetBlobs(BlobTraits.None, BlobStates.None, "cifar10/", CancellationToken.None).Select(blob => blob.Name["cifar10/".Length..])
            .Where(name => !name.StartsWith('_'))
            .ToDictionary(name => name, name => container.GetBlobClient("cifar10/" + name).DownloadContent().Value.Content.ToArray());
        Assert.Equal(Snapshot(single), new SortedDictionary<string, byte[]>(blobs, StringComparer.Ordinal));
    }

    private string SingleRun()
    {
        string single = _temp.File("single");
        Assert.Equal(0, Schemagen.Run(["convert", Archive, single, .. Options]).ExitCode);
        return single;
    }

    // The jobs run at once, as the scheduler starts them, all into one folder.
    private static void RunJobs(int jobs, Func<int, (string, string)[]> environment, string output, params string[] extra)
    {
        var results = Enumerable.Range(0, jobs).AsParallel().WithDegreeOfParallelism(jobs)
            .Select(job => RunProcess(environment(job), ["convert", Archive, output, .. Options, .. extra])).ToList();
        // stderr carries the progress lines; stdout says which job each process was.
        Assert.All(results, result => Assert.True(result.ExitCode == 0, result.Error));
        Assert.Equal(Enumerable.Range(0, jobs).Select(job => $"job {job} of {jobs} done"),
            results.Select(result => result.Output.Split('\n').Single(line => line.StartsWith("job ", StringComparison.Ordinal)).Split(';')[0]));
    }

    private static SortedDictionary<string, byte[]> Snapshot(string directory, bool withoutManifests = false) => new(
        Directory.GetFiles(directory).Where(f => !withoutManifests || !Path.GetFileName(f).StartsWith('_'))
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes), StringComparer.Ordinal);

    private static (int ExitCode, string Output, string Error) RunProcess((string Name, string Value)[] environment, params string[] args)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "schemagen.exe" : "schemagen");
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The scheduler's variables and no others: the test host's own must not leak in.
        foreach (string name in new[] { "AZURE_STORAGE_CONNECTION_STRING", "JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX", "SLURM_ARRAY_TASK_STEP" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill();
            throw new TimeoutException($"schemagen {string.Join(' ', args)} did not finish in 120 s.");
        }

        return (process.ExitCode, output, error.Result);
    }
}
