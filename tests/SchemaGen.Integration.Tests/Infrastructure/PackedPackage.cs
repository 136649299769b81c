using System.IO.Compression;
using System.Xml.Linq;

namespace SchemaGen.Integration.Tests.Infrastructure;

/// <summary>One package of the feed, with its symbol package when it has one: names and contents of their files.</summary>
public sealed class PackedPackage(string id, string path)
{
    public string Id { get; } = id;

    public string Path { get; } = path;

    public string SymbolsPath => System.IO.Path.ChangeExtension(Path, ".snupkg");

    public bool HasSymbols => File.Exists(SymbolsPath);

    /// <summary>The package's file names, with forward slashes.</summary>
    public IReadOnlyList<string> Entries() => EntriesOf(Path);

    /// <summary>The symbol package's file names, with forward slashes.</summary>
    public IReadOnlyList<string> SymbolEntries() => EntriesOf(SymbolsPath);

    /// <summary>The bytes of one file of the package.</summary>
    public byte[] ReadEntry(string name) => Read(Path, name);

    /// <summary>The bytes of one file of the symbol package.</summary>
    public byte[] ReadSymbolEntry(string name) => Read(SymbolsPath, name);

    public string ReadText(string name) => System.Text.Encoding.UTF8.GetString(ReadEntry(name)).TrimStart('\uFEFF');

    public XDocument Nuspec() => XDocument.Parse(ReadText(Id + ".nuspec"));

    /// <summary>The value of one element of the nuspec's metadata, or null.</summary>
    public string? Metadata(string name) => Nuspec().Descendants().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

    /// <summary>The nuspec's dependency elements, of every framework group.</summary>
    public IReadOnlyList<XElement> Dependencies() => [.. Nuspec().Descendants().Where(e => e.Name.LocalName == "dependency")];

    /// <summary>The ids the package depends on, in any framework group, sorted.</summary>
    public IReadOnlyList<string> DependencyIds() =>
        [.. Dependencies().Select(e => (string)e.Attribute("id")!).Distinct().Order(StringComparer.Ordinal)];

    public override string ToString() => Id;

    private static IReadOnlyList<string> EntriesOf(string path)
    {
        using ZipArchive archive = ZipFile.OpenRead(path);
        return [.. archive.Entries.Select(e => e.FullName)];
    }

    private static byte[] Read(string path, string name)
    {
        using ZipArchive archive = ZipFile.OpenRead(path);
        using var stream = new MemoryStream();
        (archive.GetEntry(name) ?? throw new FileNotFoundException($"{System.IO.Path.GetFileName(path)} has no {name}.")).Open().CopyTo(stream);
        return stream.ToArray();
    }
}
