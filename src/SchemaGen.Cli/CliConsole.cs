namespace SchemaGen.Cli;

/// <summary>The streams a command reads and writes: the process's own, or strings in tests.</summary>
internal sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error);
