using System.IO.Compression;

namespace SchemaGen.Integration.Tests.Infrastructure;

/// <summary>
/// The repository's <c>SchemaGen</c> package, packed once into a folder feed under a temp directory, with a NuGet
/// packages folder of its own there: a consumer restores the package just packed, never a stale copy from a cache.
/// Everything is deleted on dispose.
/// </summary>
public sealed class LocalPackageFeed : IDisposable
{
    private readonly TempDirectory _temp = new();

    public LocalPackageFeed()
    {
        FeedPath = Directory.CreateDirectory(_temp.File("feed")).FullName;
        PackagesPath = _temp.File("packages");

        // A prerelease version of our own: no other source can serve it, whatever it holds under the same id.
        Version = Repository.Version + "-integration";
        PackOutput = DotNet.Run(
            Repository.Root,
            environment: null,
            "pack", Repository.Path("src/SchemaGen.Runtime/SchemaGen.Runtime.csproj"),
            "--configuration", Repository.Configuration,
            "--output", FeedPath,
            "--disable-build-servers",
            $"-p:PackageVersion={Version}",
            $"-p:NuspecOutputPath={_temp.File("nuspec")}{Path.DirectorySeparatorChar}").EnsureSuccess().Output;
        PackagePath = Path.Combine(FeedPath, $"SchemaGen.{Version}.nupkg");
        Assert.True(File.Exists(PackagePath), $"dotnet pack made no {PackagePath}.");
    }

    public string FeedPath { get; }

    /// <summary>The NUGET_PACKAGES folder consumers restore into.</summary>
    public string PackagesPath { get; }

    /// <summary>The version the package was packed as.</summary>
    public string Version { get; }

    public string PackagePath { get; }

    /// <summary>What <c>dotnet pack</c> printed.</summary>
    public string PackOutput { get; }

    /// <summary>The file names of the symbol package packed beside the package, with forward slashes.</summary>
    public IReadOnlyList<string> SymbolEntries()
    {
        using ZipArchive symbols = ZipFile.OpenRead(Path.ChangeExtension(PackagePath, ".snupkg"));
        return [.. symbols.Entries.Select(e => e.FullName)];
    }

    /// <summary>The bytes of one file of the symbol package.</summary>
    public byte[] ReadSymbolEntry(string name)
    {
        using ZipArchive symbols = ZipFile.OpenRead(Path.ChangeExtension(PackagePath, ".snupkg"));
        using var stream = new MemoryStream();
        symbols.GetEntry(name)!.Open().CopyTo(stream);
        return stream.ToArray();
    }

    /// <summary>The package's file names, with forward slashes.</summary>
    public IReadOnlyList<string> Entries()
    {
        using ZipArchive package = ZipFile.OpenRead(PackagePath);
        return [.. package.Entries.Select(e => e.FullName)];
    }

    /// <summary>The text of one file of the package.</summary>
    public string ReadEntry(string name)
    {
        using ZipArchive package = ZipFile.OpenRead(PackagePath);
        using var reader = new StreamReader(package.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Creates a project that references <c>SchemaGen</c> by version from this feed (and anything else from the machine's
    /// usual sources), shielded from Directory.Build.* files above it.
    /// </summary>
    /// <param name="name">The project's name and folder.</param>
    /// <param name="programSource">Program.cs.</param>
    /// <param name="projectItems">More of the project file, inside its <c>&lt;Project&gt;</c> (item groups, properties).</param>
    public ConsumerProject CreateConsumer(string name, string programSource, string projectItems = "")
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
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SchemaGen" Version="{Version}" />
              </ItemGroup>
            {projectItems}
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), programSource);
        return new ConsumerProject(name, directory, this);
    }

    public void Dispose() => _temp.Dispose();
}
