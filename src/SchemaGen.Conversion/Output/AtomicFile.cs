namespace SchemaGen.Conversion.Output;

/// <summary>
/// Writes files under a temporary name and renames them into place only when complete, so an interrupted run leaves
/// no file that looks finished (only <c>*.tmp</c> files, which the next run replaces).
/// </summary>
internal static class AtomicFile
{
    public static string TempPath(string path) => path + ".tmp";

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        string temp = TempPath(path);
        try
        {
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1))
            {
                file.Write(bytes);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Leaving a temporary file behind is harmless; the original failure is the one to report.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
