namespace SchemaGen.Testing;

/// <summary>
/// The real files other tools wrote, in the repository's <c>tests/data/interop/</c> (see its README.md and MANIFEST.md).
/// A missing folder fails the test: these files are the compatibility bar, never optional.
/// </summary>
public static class InteropFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Path(string relative) =>
        System.IO.Path.Combine(Root.Value, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        string root = Repository.Path("tests/data/interop");
        return File.Exists(System.IO.Path.Combine(root, "MANIFEST.md"))
            ? root
            : throw new DirectoryNotFoundException($"{root} holds no MANIFEST.md: the interop files are part of the repository.");
    }
}
