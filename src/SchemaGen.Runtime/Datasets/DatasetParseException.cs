using SchemaGen.Examples;
using SchemaGen.Schema;

namespace SchemaGen.Datasets;

/// <summary>
/// A record read by a dataset did not parse into the batch type: the message is TensorFlow's, with the file and
/// the record's offset as the example's name, and <see cref="ExampleFormatException.FeatureKey"/> names the feature.
/// </summary>
public sealed class DatasetParseException : ExampleParseException
{
    private readonly string? _message;

    /// <summary>Creates an exception with a default message.</summary>
    public DatasetParseException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What was wrong.</param>
    public DatasetParseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public DatasetParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a record that did not parse.</summary>
    /// <param name="error">Why it did not parse.</param>
    /// <param name="filePath">The file, or null for an in-memory source.</param>
    /// <param name="recordOffset">The record's start in the file (for an in-memory source: its index).</param>
    /// <param name="location">The file and record as the message shows them.</param>
    public DatasetParseException(ExampleParseError error, string? filePath, long recordOffset, string location)
        : base(error)
    {
        FilePath = filePath;
        RecordOffset = recordOffset;
        _message = error.FormatMessage(location);
    }

    /// <summary>The file the record came from; null for an in-memory source.</summary>
    public string? FilePath { get; }

    /// <summary>The record's start (its length field) in bytes from the start of the file; for an in-memory source, its index.</summary>
    public long RecordOffset { get; } = -1;

    /// <inheritdoc/>
    public override string Message => _message ?? base.Message;
}
