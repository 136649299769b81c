namespace SchemaGen.Conversion.Output;

/// <summary>
/// The files of one conversion, each written under a temporary name (<c>*.tmp</c>, which the next run replaces) and
/// all renamed into place at the end: a run that fails or is cancelled leaves no file that looks finished, and the
/// previous output as it was.
/// </summary>
/// <param name="directory">The output directory.</param>
/// <param name="job">
/// Names this job's temporary files when several jobs of a sharded run write the same directory at once: they all
/// write dataset_info.json, and must not write it through one temporary file. Empty for a single job.
/// </param>
/// <remarks>
/// Splits may be staged while the sources are still being read. The output directory is then made early, and
/// removed again if the run fails before <see cref="CreateDirectory"/>, so an input found unusable leaves nothing
/// behind. Files may be staged from another thread than the one that commits, but not at the same time.
/// </remarks>
internal sealed class StagedOutput(string directory, string job = "") : IDisposable
{
    private readonly List<string> _paths = [];
    private bool _directoryExists;
    private bool _provisionalDirectory;
    private bool _committed;

    public string Directory { get; } = directory;

    /// <summary>
    /// Registers the file <paramref name="fileName"/> of the output and returns the path to write it under, which
    /// does not exist: open it with <see cref="FileMode.CreateNew"/>. Truncating a file, even an empty one
    /// (<see cref="FileMode.Create"/>), makes ext4 write it back synchronously when it is closed (auto_da_alloc).
    /// </summary>
    public string Stage(string fileName)
    {
        string path = Path.Combine(Directory, fileName);
        lock (_paths)
        {
            if (!_directoryExists && !System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.CreateDirectory(Directory);
                _provisionalDirectory = true;
            }

            _directoryExists = true;
            if (!_paths.Contains(path))
            {
                _paths.Add(path);
            }
        }

        string temp = TempPath(path);
        File.Delete(temp);
        return temp;
    }

    /// <summary>Makes the output directory for good: a failure from now on leaves it in place.</summary>
    public void CreateDirectory()
    {
        lock (_paths)
        {
            System.IO.Directory.CreateDirectory(Directory);
            _directoryExists = true;
            _provisionalDirectory = false;
        }
    }

    /// <summary>The files staged so far, by name within the output directory, with the length written under the temporary name.</summary>
    public IReadOnlyList<(string Name, long Length)> StagedFiles()
    {
        lock (_paths)
        {
            return _paths.Select(path => (Path.GetFileName(path), new FileInfo(TempPath(path)).Length)).ToList();
        }
    }

    /// <summary>Renames every staged file into place, in the order they were staged.</summary>
    public void Commit()
    {
        lock (_paths)
        {
            foreach (string path in _paths)
            {
                File.Move(TempPath(path), path, overwrite: true);
            }

            _committed = true;
        }
    }

    /// <summary>Without a commit: deletes the temporary files, and the directory if it was made early and is empty.</summary>
    public void Dispose()
    {
        lock (_paths)
        {
            if (_committed)
            {
                return;
            }

            foreach (string path in _paths)
            {
                TryDelete(() => File.Delete(TempPath(path)));
            }

            if (_provisionalDirectory && !System.IO.Directory.EnumerateFileSystemEntries(Directory).Any())
            {
                TryDelete(() => System.IO.Directory.Delete(Directory));
            }
        }
    }

    private string TempPath(string path) => job.Length == 0 ? path + ".tmp" : $"{path}.{job}.tmp";

    private static void TryDelete(Action delete)
    {
        try
        {
            delete();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Leaving a temporary file behind is harmless; the original failure is the one to report.
        }
    }
}
