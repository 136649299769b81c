namespace SchemaGen.Conversion.Output;

/// <summary>A local output folder.</summary>
internal sealed class LocalOutputLocation(string directory) : OutputLocation
{
    public override string PathOf(string name) => Path.Combine(directory, name);

    public override IReadOnlyDictionary<string, long> List(string namePrefix)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{directory}: no such output directory.");
        }

        return new DirectoryInfo(directory).EnumerateFiles(namePrefix + "*").ToDictionary(file => file.Name, file => file.Length, StringComparer.Ordinal);
    }

    public override byte[] Read(string name) => File.ReadAllBytes(PathOf(name));

    public override void Write(string name, byte[] content)
    {
        string target = PathOf(name);
        string temp = target + ".write.tmp";
        File.Delete(temp);
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
        {
            stream.Write(content);
        }

        File.Move(temp, target, overwrite: true);
    }
}
