namespace SchemaGen.Build.Tests.Infrastructure;

/// <summary>
/// A project folder as the targets lay it out for one <c>TfRecordDataset</c> item — the input under data/, the output
/// under bin/data/cifar10/, the stamp under obj/schemagen/ — on which the task runs directly, with the arguments the
/// targets give it and the converter built from this repository. The input is the sample's synthetic CIFAR-10 archive
/// (5 x 200 train and 200 test images), which converts in well under a second.
/// </summary>
internal sealed class DatasetProject
{
    public static string Converter { get; } = Repository.Path($"src/SchemaGen.Cli/bin/{Repository.Configuration}/net10.0/schemagen.dll");

    public static string Archive { get; } = Repository.Path("samples/Cifar10/data/cifar-10-python-mini.tar.gz");

    private DatasetProject(string directory) => Directory = directory;

    public string Directory { get; private set; }

    public string ProjectFile => Path.Combine(Directory, "Consumer.csproj");

    public string Input => Path.Combine(Directory, "data", "cifar-10-python.tar.gz");

    /// <summary>Full, with a trailing separator, as the targets pass it.</summary>
    public string OutputDir => Path.Combine(Directory, "bin", "data", "cifar10") + Path.DirectorySeparatorChar;

    public string Stamp => Path.Combine(Directory, "obj", "schemagen", "cifar10.outputs");

    public static DatasetProject Create(string directory)
    {
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "data"));
        var project = new DatasetProject(directory);
        File.Copy(Archive, project.Input);
        return project;
    }

    /// <summary>A project folder made earlier (copied, say).</summary>
    public static DatasetProject Open(string directory) => new(directory);

    /// <summary>Runs the task once, as the conversion target does; <paramref name="configure"/> sets metadata.</summary>
    public TaskRun Convert(Action<ConvertTfRecordDataset>? configure = null)
    {
        var engine = new RecordingBuildEngine(ProjectFile);
        var task = new ConvertTfRecordDataset
        {
            BuildEngine = engine,
            Input = Input,
            OutputDir = OutputDir,
            OutputListFile = Stamp,
            ConverterPath = Converter,
            ProjectFile = ProjectFile,
            Format = "cifar10",
        };
        configure?.Invoke(task);
        bool succeeded = task.Execute();
        return new TaskRun(succeeded, engine, [.. task.OutputFiles.Select(item => item.ItemSpec)]);
    }

    /// <summary>The names of the files in the output folder, sorted; none when it does not exist.</summary>
    public string[] OutputNames() =>
        System.IO.Directory.Exists(OutputDir) ? [.. System.IO.Directory.EnumerateFileSystemEntries(OutputDir).Select(Path.GetFileName).Order(StringComparer.Ordinal)!] : [];

    public void MoveTo(string directory)
    {
        System.IO.Directory.Move(Directory, directory);
        Directory = directory;
    }

    /// <summary>What a conversion with this many shards per split writes, sorted.</summary>
    public static string[] Expected(int shards, bool index = false) =>
    [
        .. new[] { "train", "test" }
            .SelectMany(split => Enumerable.Range(0, shards).Select(shard => $"{split}.tfrecord-{shard:00000}-of-{shards:00000}"))
            .SelectMany(name => index ? new[] { name, name + ".idx" } : [name])
            .Append("dataset_info.json")
            .Order(StringComparer.Ordinal),
    ];
}

/// <summary>One run of the task: whether it succeeded, what it logged, and its OutputFiles.</summary>
internal sealed record TaskRun(bool Succeeded, RecordingBuildEngine Engine, string[] OutputFiles)
{
    public TaskRun EnsureSuccess()
    {
        Assert.True(Succeeded && Engine.Errors.Count == 0 && Engine.Warnings.Count == 0, $"The task failed or warned:\n{Engine.Log}");
        return this;
    }

    /// <summary>The run failed with exactly one error, which is returned.</summary>
    public BuildErrorEventArgs SingleError()
    {
        Assert.False(Succeeded, $"The task succeeded:\n{Engine.Log}");
        Assert.True(Engine.Errors.Count == 1, $"Expected one error:\n{Engine.Log}");
        return Engine.Errors[0];
    }
}
