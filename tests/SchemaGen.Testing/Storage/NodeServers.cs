using System.ComponentModel;
using System.Diagnostics;

namespace SchemaGen.Testing.Storage;

/// <summary>
/// The Node packages in tests/servers (s3rver, Azurite, firebase-tools' Cloud Storage emulator), installed with <c>npm ci</c> from the committed lock file the
/// first time a test needs them. Test projects run in parallel, so the install is guarded by a file lock.
/// </summary>
public static class NodeServers
{
    private static readonly Lazy<string> Installed = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>tests/servers, with its node_modules installed.</summary>
    public static string Folder => Installed.Value;

    /// <summary>The path of a file inside an installed package, e.g. <c>s3rver/bin/s3rver.js</c>.</summary>
    public static string Script(string relative) => System.IO.Path.Combine(Folder, "node_modules", relative);

    /// <summary>Starts <c>node</c> with <paramref name="arguments"/>; its output is drained so it never blocks.</summary>
    public static Process StartNode(IEnumerable<string> arguments, string workingDirectory)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            var process = Process.Start(info)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return process;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(NodeMissing, e);
        }
    }

    private const string NodeMissing =
        "The object-storage tests start s3rver, Azurite and the Cloud Storage emulator with Node.js: install Node 20 or later (node and npm on PATH); .ci/run installs it.";

    private static string Install()
    {
        string folder = Repository.Path("tests/servers");
        // node_modules is current when it was installed from the lock file and .npmrc as they are now (a package added
        // to the lock since is installed by a new npm ci).
        string marker = System.IO.Path.Combine(folder, "node_modules", ".installed-lock-sha256");
        string lockHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            [.. File.ReadAllBytes(System.IO.Path.Combine(folder, "package-lock.json")), .. File.ReadAllBytes(System.IO.Path.Combine(folder, ".npmrc"))]));
        if (IsInstalled(marker, lockHash))
        {
            return folder;
        }

        // One test process installs; the others wait on the lock and then find node_modules there.
        using var gate = AcquireLock(System.IO.Path.Combine(folder, ".npm-install.lock"));
        if (!IsInstalled(marker, lockHash))
        {
            RunNpmCi(folder);
            File.WriteAllText(marker, lockHash);
        }

        return folder;
    }

    private static bool IsInstalled(string marker, string lockHash) => File.Exists(marker) && File.ReadAllText(marker) == lockHash;

    private static FileStream AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(25);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(500);
            }
        }
    }

    private static void RunNpmCi(string folder)
    {
        var info = new ProcessStartInfo("npm")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(NodeMissing, e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(20)))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"npm ci in {folder} did not finish in 20 minutes.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"npm ci in {folder} failed (exit code {process.ExitCode}); the storage tests need the npm registry once:\n{output.Result}\n{error.Result}");
            }
        }
    }
}
