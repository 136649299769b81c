namespace SchemaGen.Build.Tests.Infrastructure;

/// <summary>
/// A project outside the repository that uses the build step from source, as the sample does: the repository's
/// props and targets, the task and converter built here (in the task host, so no build node keeps the task loaded).
/// A library with no sources: its build is the SDK's and ours, with as little compiling as a build can have.
/// </summary>
internal sealed class InRepoConsumer
{
    private const string Name = "Consumer";

    private InRepoConsumer(string directory) => Directory = directory;

    public string Directory { get; private set; }

    /// <summary>The Release build output folder.</summary>
    public string OutputDirectory => Path.Combine(Directory, "bin", "Release", "net10.0");

    public static InRepoConsumer Create(string directory, string items)
    {
        System.IO.Directory.CreateDirectory(directory);
        foreach (string shield in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(directory, shield), "<Project />\n");
        }

        string build = Repository.Path("src/SchemaGen.Build/");
        File.WriteAllText(Path.Combine(directory, Name + ".csproj"), $"""
            <Project>
              <Import Project="Sdk.props" Sdk="Microsoft.NET.Sdk" />
              <Import Project="{build}build/SchemaGen.Build.props" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <SchemaGenTaskAssembly>{build}bin/{Repository.Configuration}/netstandard2.0/SchemaGen.Build.dll</SchemaGenTaskAssembly>
                <SchemaGenConverterPath>{DatasetProject.Converter}</SchemaGenConverterPath>
                <SchemaGenTaskHostFactory>true</SchemaGenTaskHostFactory>
              </PropertyGroup>
              <ItemGroup>
                {items}
              </ItemGroup>
              <Import Project="Sdk.targets" Sdk="Microsoft.NET.Sdk" />
              <Import Project="{build}build/SchemaGen.Build.targets" />
            </Project>
            """);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "data"));
        File.Copy(DatasetProject.Archive, Path.Combine(directory, "data", "cifar-10-python.tar.gz"));
        return new InRepoConsumer(directory);
    }

    /// <summary>Runs <c>dotnet COMMAND</c> on the project in Release; the caller checks the result.</summary>
    public DotNetResult DotNet(string command, params string[] arguments) =>
        Testing.DotNet.Run(Directory, null, [command, "--configuration", "Release", "--disable-build-servers", .. arguments]);

    public void MoveTo(string directory)
    {
        System.IO.Directory.Move(Directory, directory);
        Directory = directory;
    }
}
