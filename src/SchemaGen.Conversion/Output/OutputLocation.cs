using SchemaGen.Storage;

namespace SchemaGen.Conversion.Output;

/// <summary>
/// Where a conversion's files end up: a local folder, or a key prefix in object storage (<c>s3://bucket/out/</c>,
/// <c>az://container/out/</c>, …) through the registered <see cref="ObjectStore"/>. The converter always writes into
/// a local folder first; an object output then uploads each file, the manifest or dataset_info.json last.
/// </summary>
internal abstract class OutputLocation
{
    public static OutputLocation For(string output) => ObjectUri.IsObjectUri(output)
        ? new ObjectOutputLocation(output)
        : new LocalOutputLocation(output);

    /// <summary>How messages name the file <paramref name="name"/> of the output.</summary>
    public abstract string PathOf(string name);

    /// <summary>The files of the output whose names start with <paramref name="namePrefix"/>, with their lengths.</summary>
    public abstract IReadOnlyDictionary<string, long> List(string namePrefix);

    /// <summary>The whole content of a (small) file of the output.</summary>
    public abstract byte[] Read(string name);

    /// <summary>Writes a file of the output atomically: it appears whole or not at all.</summary>
    public abstract void Write(string name, byte[] content);
}
