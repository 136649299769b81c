namespace SchemaGen.Cli.Tests.Infrastructure;

/// <summary>Damaged copies of real files, for checking what the reader reports.</summary>
internal static class Damage
{
    public static string FlipByte(TempDirectory temp, string interopPath, long offset, string name = "flipped.tfrecord")
    {
        var bytes = File.ReadAllBytes(InteropFiles.Path(interopPath));
        bytes[offset] ^= 0x40;
        var path = temp.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static string Truncate(TempDirectory temp, string interopPath, long length, string name = "truncated.tfrecord")
    {
        var bytes = File.ReadAllBytes(InteropFiles.Path(interopPath));
        var path = temp.File(name);
        File.WriteAllBytes(path, bytes[..(int)length]);
        return path;
    }
}
