using System.Globalization;

namespace SchemaGen.Cli.Tests.Infrastructure;

/// <summary>What one run of <c>schemagen</c> printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs <c>schemagen</c> in-process with string streams.</summary>
internal static class Schemagen
{
    public static CliResult Run(params string[] args) => RunWithInput("", args);

    public static CliResult RunWithInput(string stdin, params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using var error = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var exitCode = SchemaGenCli.Run(args, new StringReader(stdin), output, error);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
