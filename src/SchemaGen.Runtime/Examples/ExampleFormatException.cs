namespace SchemaGen.Examples;

/// <summary>Serialized tf.train.Example or SequenceExample bytes are malformed.</summary>
/// <remarks>The message names the byte offset, the feature key when the fault lies inside a feature, and what was wrong.</remarks>
public class ExampleFormatException : FormatException
{
    /// <summary>Creates an exception with a default message.</summary>
    public ExampleFormatException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What was wrong.</param>
    public ExampleFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ExampleFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception that locates the fault.</summary>
    /// <param name="message">What was wrong, where.</param>
    /// <param name="offset">Byte offset of the fault in the serialized message.</param>
    /// <param name="featureKey">Key of the feature (or feature list) the fault lies in, or null when it lies outside one.</param>
    public ExampleFormatException(string message, int offset, string? featureKey)
        : base(message)
    {
        Offset = offset;
        FeatureKey = featureKey;
    }

    /// <summary>Byte offset of the fault in the serialized message, or -1 when not known.</summary>
    public int Offset { get; } = -1;

    /// <summary>Key of the feature (or feature list) the fault lies in, or null when it lies outside one or is not known.</summary>
    public string? FeatureKey { get; }
}
