using System.Diagnostics;
using System.Text;
using Xunit;

namespace SchemaGen.Testing;

/// <summary>What one run of the <c>dotnet</c> command printed and returned.</summary>
public sealed record DotNetResult(string Command, int ExitCode, string Output)
{
    /// <summary>Fails the test with the command and everything it printed unless it succeeded.</summary>
    public DotNetResult EnsureSuccess()
    {
        Assert.True(ExitCode == 0, $"`{Command}` exited with {ExitCode}:\n{Output}");
        return this;
    }
}

/// <summary>
/// Runs the <c>dotnet</c> that runs these tests, as a fresh child: no MSBuild settings inherited from the
/// <c>dotnet test</c> that started us, no build servers or nodes left running afterwards.
/// </summary>
public static class DotNet
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private static string Executable =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static DotNetResult Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        Start(Executable, workingDirectory, environment, arguments);

    /// <summary>Runs git (an oracle for what the build says of the repository) and returns what it printed.</summary>
    public static string Git(string workingDirectory, params string[] arguments) =>
        Start("git", workingDirectory, environment: null, arguments).EnsureSuccess().Output;

    private static DotNetResult Start(string executable, string workingDirectory, IReadOnlyDictionary<string, string>? environment, string[] arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The parent `dotnet test` sets MSBuild paths for its own SDK resolution; the child resolves its own.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            start.Environment.Remove(name);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        string command = Path.GetFileNameWithoutExtension(executable) + " " + string.Join(' ', arguments);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"`{command}` did not finish in {Timeout.TotalMinutes} minutes:\n{output}");
        }

        process.WaitForExit(); // drains the redirected streams
        lock (output)
        {
            return new DotNetResult(command, process.ExitCode, output.ToString());
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.Append(line).Append('\n');
            }
        }
    }
}
