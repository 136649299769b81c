namespace SchemaGen.Cli;

/// <summary>A failure the user can act on; its message is the one line printed (it names the file and where).</summary>
internal sealed class CliException(string message, Exception? innerException = null) : Exception(message, innerException);
