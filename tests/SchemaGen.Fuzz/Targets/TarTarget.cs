using SchemaGen.Conversion;
using SchemaGen.Conversion.Sources;

namespace SchemaGen.Fuzz.Targets;

/// <summary>
/// A CIFAR archive (tar or tar.gz) read as the converter reads it: the CIFAR data, or a
/// <see cref="DatasetFormatException"/>, allocating no more than the archive can inflate to.
/// </summary>
public sealed class TarTarget : IFuzzTarget, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("schemagen-fuzz-tar-").FullName;

    public string Name => "tar";

    public IReadOnlyList<byte[]> Seeds() => Targets.Seeds.CifarArchives();

    // The members' buffers: at most what the archive inflates to (1,032 times its size for gzip), and the parse.
    public long AllocationBound(int inputLength) => 1100L * inputLength + (64 << 20);

    public void Run(byte[] input)
    {
        string path = Path.Combine(_directory, "cifar-10-python.tar.gz");
        File.WriteAllBytes(path, input);
        using var container = SourceContainer.Open(path);
        try
        {
            CifarReader.Read(container, cifar100: false, (layout, split, batches, token) => { }, CancellationToken.None);
        }
        catch (DatasetFormatException)
        {
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
