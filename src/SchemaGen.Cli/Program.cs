// Console.Out flushes on every write; a buffered writer keeps `cat` of a large file from being one syscall per token.
using var stdout = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16);
return SchemaGen.Cli.SchemaGenCli.Run(args, Console.In, stdout, Console.Error);
