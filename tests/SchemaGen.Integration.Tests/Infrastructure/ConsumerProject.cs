namespace SchemaGen.Integration.Tests.Infrastructure;

/// <summary>A project outside the repository that uses the packed <c>SchemaGen</c> package.</summary>
public sealed class ConsumerProject(string name, string directory, LocalPackageFeed feed)
{
    public string Directory { get; } = directory;

    public string ProjectFile => Path.Combine(Directory, name + ".csproj");

    /// <summary>The Release build output folder.</summary>
    public string OutputDirectory => Path.Combine(Directory, "bin", "Release", "net10.0");

    /// <summary>Restores (into the feed's own packages folder) and builds in Release; fails the test on any error.</summary>
    public DotNetResult Build(params string[] arguments) =>
        DotNet("build", arguments).EnsureSuccess();

    /// <summary>Runs <c>dotnet COMMAND</c> on the project in Release, with the given extra arguments; the caller checks the result.</summary>
    public DotNetResult DotNet(string command, params string[] arguments) =>
        Testing.DotNet.Run(Directory, Restore, [command, "--configuration", "Release", "--disable-build-servers", .. arguments]);

    /// <summary>Runs the built program.</summary>
    public DotNetResult Run(params string[] arguments) =>
        Testing.DotNet.Run(Directory, Restore, [Path.Combine(OutputDirectory, name + ".dll"), .. arguments]);

    private Dictionary<string, string> Restore => new() { ["NUGET_PACKAGES"] = feed.PackagesPath };
}
