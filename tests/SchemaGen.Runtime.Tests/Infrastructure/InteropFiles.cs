namespace SchemaGen.Tests.Infrastructure;

/// <summary>
/// The real files other tools wrote, in <c>shared/interop/</c> beside the repository (see its MANIFEST.md).
/// A missing folder fails the test: these files are the compatibility bar, never optional.
/// </summary>
internal static class InteropFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Path(string relative) =>
        System.IO.Path.Combine(Root.Value, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "interop");
            if (File.Exists(System.IO.Path.Combine(candidate, "MANIFEST.md")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"shared/interop/MANIFEST.md was not found in any folder above {AppContext.BaseDirectory}.");
    }
}
