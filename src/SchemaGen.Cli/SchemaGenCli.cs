using System.CommandLine;
using System.CommandLine.Invocation;
using SchemaGen.Cli.Commands;
using SchemaGen.Cli.Storage;

namespace SchemaGen.Cli;

/// <summary>The <c>schemagen</c> command line, runnable in-process with any streams.</summary>
internal static class SchemaGenCli
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        Run(args, TextReader.Null, stdout, stderr);

    /// <returns>The exit code: 0 on success, 1 on any failure (bad usage, bad input, damaged data).</returns>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var console = new CliConsole(stdin, stdout, stderr);
        var verbose = new Option<bool>("--verbose")
        {
            Description = "On an error, print the full exception with its stack trace.",
            Recursive = true,
        };
        var root = new RootCommand("Count, verify, print, write and index TFRecord files of tf.train.Example records, and infer their schema.")
        {
            verbose,
            new CountCommand(console),
            new VerifyCommand(console),
            new CatCommand(console),
            new WriteCommand(console),
            new IndexCommand(console),
            new SchemaCommand(console),
            new ConvertCommand(console),
            new FinalizeCommand(console),
            new ExportImagesCommand(console),
            new PreviewCommand(console),
            new ScalarsCommand(console),
            new PlotCommand(console),
        };

        // The tool's name in usage lines, also when run in-process (tests) or through `dotnet schemagen.dll`.
        root.HelpName = "schemagen";

        var parseResult = root.Parse(args);
        if (parseResult.Action is ParseErrorAction usageError)
        {
            // The error alone, on stderr: a page of help on stdout would bury it (and pollute piped output).
            usageError.ShowHelp = false;
        }

        try
        {
            ObjectStorage.RegisterFor(args);
            return parseResult.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
        catch (Exception exception)
        {
            stderr.WriteLine(parseResult.GetValue(verbose) ? exception.ToString() : Describe(exception));
            return 1;
        }
    }

    private static string Describe(Exception exception) => exception switch
    {
        CliException => exception.Message,
        IOException or UnauthorizedAccessException or Amazon.Runtime.AmazonClientException => $"schemagen: {exception.Message}",
        _ => $"schemagen: internal error ({exception.GetType().Name}): {exception.Message} (--verbose shows the stack trace)",
    };
}
