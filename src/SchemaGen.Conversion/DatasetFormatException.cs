namespace SchemaGen.Conversion;

/// <summary>
/// A source file is not what its format requires: a truncated archive, a refused pickle, a batch of the wrong size,
/// an image that does not decode. The message names the file (and the member of an archive).
/// </summary>
public sealed class DatasetFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file, or <c>archive!member</c>, that is at fault.</param>
    /// <param name="message">What is wrong, without the file name (it is prefixed).</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public DatasetFormatException(string source, string message, Exception? innerException = null)
        : this(source, DatasetProblem.InvalidContent, message, innerException)
    {
    }

    /// <summary>Creates the exception for a given kind of fault.</summary>
    /// <param name="source">The file, or <c>archive!member</c>, that is at fault.</param>
    /// <param name="problem">What kind of fault it is.</param>
    /// <param name="message">What is wrong, without the file name (it is prefixed).</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public DatasetFormatException(string source, DatasetProblem problem, string message, Exception? innerException = null)
        : base($"{source}: {message}", innerException)
    {
        Source = source;
        Problem = problem;
    }

    /// <summary>The file, or <c>archive!member</c>, that is at fault.</summary>
    public new string Source { get; }

    /// <summary>What kind of fault it is.</summary>
    public DatasetProblem Problem { get; }
}
