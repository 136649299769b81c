using System.Diagnostics;

namespace SchemaGen.Cli.Tests;

/// <summary>Runs the built <c>schemagen</c> executable as a process: real argv, real streams, real exit codes.</summary>
public class ExecutableTests
{
    [Fact]
    public void Counts_a_file_through_the_real_executable()
    {
        var file = InteropFiles.Path(InteropRecords.PwnallSingles);

        var (exitCode, output, error) = RunSchemagen("count", file);

        Assert.Equal("", error);
        Assert.Equal($"3\t{file}\n3\ttotal\n", output);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void Cat_output_through_the_process_matches_Python()
    {
        var (exitCode, output, _) = RunSchemagen("cat", InteropFiles.Path(InteropRecords.PytorchSequenceExample), "--sequence");

        Assert.Equal(0, exitCode);
        Assert.Equal(Fixtures.Text("pytorch-sequence-example.jsonl"), output);
    }

    [Fact]
    public void Write_reads_standard_input_through_a_real_pipe()
    {
        using var temp = new TempDirectory();
        var written = temp.File("out.tfrecord");

        var (exitCode, output, error) = RunSchemagenWithInput(Fixtures.Text("pwnall-singles.jsonl"), "write", written, "--from-jsonl", "-");

        Assert.Equal("", error);
        Assert.Equal($"3 records written to {written}\n", output);
        Assert.Equal(0, exitCode);
        Assert.Equal(File.ReadAllBytes(InteropFiles.Path(InteropRecords.PwnallSingles)), File.ReadAllBytes(written));
    }

    [Fact]
    public void Failure_is_a_nonzero_exit_and_one_line_without_a_stack_trace()
    {
        using var temp = new TempDirectory();
        var missing = temp.File("missing.tfrecord");

        var (exitCode, output, error) = RunSchemagen("count", missing);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Equal($"{missing}: no such file\n", error);
    }

    private static (int ExitCode, string Output, string Error) RunSchemagen(params string[] args) =>
        RunSchemagenWithInput(null, args);

    private static (int ExitCode, string Output, string Error) RunSchemagenWithInput(string? input, params string[] args)
    {
        // The project reference copies the CLI's build, apphost included, into the test output folder.
        var executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "schemagen.exe" : "schemagen");
        Assert.True(File.Exists(executable), $"{executable} was not built.");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            throw new TimeoutException($"schemagen {string.Join(' ', args)} did not finish in 60 s.");
        }

        return (process.ExitCode, output, error.Result);
    }
}
