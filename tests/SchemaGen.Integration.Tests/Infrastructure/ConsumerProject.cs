using System.Text.Json;
using System.Xml.Linq;

namespace SchemaGen.Integration.Tests.Infrastructure;

/// <summary>A project outside the repository that uses packages of the local feed.</summary>
public sealed class ConsumerProject(string name, string directory, LocalPackageFeed feed)
{
    public string Directory { get; } = directory;

    public string ProjectFile => Path.Combine(Directory, name + ".csproj");

    /// <summary>The Release build output folder.</summary>
    public string OutputDirectory => Path.Combine(Directory, "bin", "Release", "net10.0");

    /// <summary>Adds a package as the README says, <c>dotnet add package ID --version V</c> (which restores).</summary>
    public DotNetResult AddPackage(string id, string version) =>
        Testing.DotNet.Run(Directory, Restore, ["add", ProjectFile, "package", id, "--version", version]).EnsureSuccess();

    /// <summary>The project file's PackageReference elements.</summary>
    public IReadOnlyList<XElement> PackageReferences() =>
        [.. XDocument.Load(ProjectFile).Descendants("PackageReference")];

    /// <summary>The package libraries (<c>id/version</c>) of the last restore's project.assets.json.</summary>
    public IReadOnlyList<string> RestoredLibraries()
    {
        using JsonDocument assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "obj", "project.assets.json")));
        return [.. assets.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name)];
    }

    /// <summary>The props and targets the last restore made the project import from packages (obj/*.nuget.g.*).</summary>
    public string RestoredImports() =>
        File.ReadAllText(Path.Combine(Directory, "obj", name + ".csproj.nuget.g.props"))
        + File.ReadAllText(Path.Combine(Directory, "obj", name + ".csproj.nuget.g.targets"));

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
