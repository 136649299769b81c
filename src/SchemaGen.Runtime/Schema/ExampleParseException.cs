using SchemaGen.Examples;

namespace SchemaGen.Schema;

/// <summary>Serialized bytes did not parse into a schema type: a required feature is missing, or has the wrong dtype or value count.</summary>
/// <remarks>The message is TensorFlow's (see <see cref="ExampleParseError"/>).</remarks>
public class ExampleParseException : ExampleFormatException
{
    /// <summary>Creates an exception with a default message.</summary>
    public ExampleParseException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What was wrong.</param>
    public ExampleParseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ExampleParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a parse error.</summary>
    /// <param name="error">The error.</param>
    public ExampleParseException(ExampleParseError error)
        : base(error.Message, -1, error.Key)
    {
        Error = error;
    }

    /// <summary>The error, when the exception was made from one.</summary>
    public ExampleParseError Error { get; }
}
