using System.Text.Json;

namespace SchemaGen.Integration.Tests.Infrastructure;

/// <summary>
/// Every package of the repository, packed once (one <c>dotnet pack</c> of the src/ projects) into a folder feed under a
/// temp directory, with a NuGet packages folder of its own there: a consumer restores the packages just packed, never a
/// stale copy from a cache. Everything is deleted on dispose.
/// </summary>
public sealed class LocalPackageFeed : IDisposable
{
    /// <summary>The packages the repository ships.</summary>
    public static readonly string[] PackageIds =
        ["SchemaGen", "SchemaGen.App", "SchemaGen.Build", "SchemaGen.Cli", "SchemaGen.Conversion", "SchemaGen.Gpu", "SchemaGen.Imaging", "SchemaGen.ML", "SchemaGen.Protobuf", "SchemaGen.Storage.Azure", "SchemaGen.Storage.Gcs", "SchemaGen.Storage.S3", "SchemaGen.TensorBoard"];

    private readonly TempDirectory _temp = new();

    public LocalPackageFeed()
    {
        FeedPath = Directory.CreateDirectory(_temp.File("feed")).FullName;
        PackagesPath = _temp.File("packages");

        // A prerelease version of our own: no other source can serve it, whatever it holds under the same ids.
        Version = Repository.Version + "-integration";

        // Every project under src/ in one build (a solution filter), so the projects they share are built once.
        string filter = _temp.File("packages.slnf");
        string[] projects = [.. Directory.GetDirectories(Repository.Path("src"))
            .SelectMany(d => Directory.GetFiles(d, "*.csproj"))
            .Select(p => Path.GetRelativePath(Repository.Root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];
        File.WriteAllText(filter, JsonSerializer.Serialize(new { solution = new { path = Repository.Path("SchemaGen.sln"), projects } }));
        PackOutput = DotNet.Run(
            Repository.Root,
            environment: null,
            "pack", filter,
            "--configuration", Repository.Configuration,
            "--output", FeedPath,
            "--disable-build-servers",
            $"-p:PackageVersion={Version}",
            $"-p:NuspecOutputPath={_temp.File("nuspec")}{Path.DirectorySeparatorChar}").EnsureSuccess().Output;
    }

    public string FeedPath { get; }

    /// <summary>The NUGET_PACKAGES folder consumers restore into.</summary>
    public string PackagesPath { get; }

    /// <summary>The version the packages were packed as.</summary>
    public string Version { get; }

    /// <summary>What <c>dotnet pack</c> printed.</summary>
    public string PackOutput { get; }

    /// <summary>The ids of the packages in the feed, from their file names.</summary>
    public IReadOnlyList<string> PackedIds() =>
        [.. Directory.GetFiles(FeedPath, "*.nupkg").Select(Path.GetFileName).Select(f => f![..^$".{Version}.nupkg".Length]).Order(StringComparer.Ordinal)];

    /// <summary>One package of the feed at <see cref="Version"/>.</summary>
    public PackedPackage Package(string id)
    {
        string path = Path.Combine(FeedPath, $"{id}.{Version}.nupkg");
        Assert.True(File.Exists(path), $"dotnet pack made no {path}:\n{PackOutput}");
        return new PackedPackage(id, path);
    }

    /// <summary>
    /// Creates a project that restores from this feed (and anything else from the machine's usual sources), shielded from
    /// Directory.Build.* files above it, with no package references: add them as a user would, with
    /// <see cref="ConsumerProject.AddPackage"/>.
    /// </summary>
    /// <param name="name">The project's name and folder.</param>
    /// <param name="programSource">Program.cs (for a library: its one source file).</param>
    /// <param name="projectItems">More of the project file, inside its <c>&lt;Project&gt;</c> (item groups, properties).</param>
    /// <param name="outputType">Exe or Library.</param>
    public ConsumerProject CreateConsumer(string name, string programSource, string projectItems = "", string outputType = "Exe")
    {
        string directory = Directory.CreateDirectory(_temp.File(name)).FullName;
        foreach (string shield in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(directory, shield), "<Project />\n");
        }

        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="schemagen-local" value="{FeedPath}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>{outputType}</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
            {projectItems}
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, outputType == "Exe" ? "Program.cs" : name + ".cs"), programSource);
        return new ConsumerProject(name, directory, this);
    }

    public void Dispose() => _temp.Dispose();
}
