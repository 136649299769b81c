namespace SchemaGen.Integration.Tests.Infrastructure;

/// <summary>A project outside the repository that uses the packed <c>SchemaGen</c> package.</summary>
public sealed class ConsumerProject(string name, string directory, LocalPackageFeed feed)
{
    public string Directory { get; } = directory;

    /// <summary>Restores (into the feed's own packages folder) and builds in Release; fails the test on any error.</summary>
    public DotNetResult Build() =>
        DotNet.Run(Directory, Restore, "build", "--configuration", "Release", "--disable-build-servers").EnsureSuccess();

    /// <summary>Runs the built program.</summary>
    public DotNetResult Run(params string[] arguments) =>
        DotNet.Run(Directory, Restore, [Path.Combine(Directory, "bin", "Release", "net10.0", name + ".dll"), .. arguments]);

    private Dictionary<string, string> Restore => new() { ["NUGET_PACKAGES"] = feed.PackagesPath };
}
