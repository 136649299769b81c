using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using SchemaGen.Examples;

namespace SchemaGen.Schema;

/// <summary>
/// A schema type: a tf.train.Example (or SequenceExample) with typed members. The SchemaGen generator implements it
/// for every <see cref="TfExampleAttribute"/> and <see cref="TfSequenceExampleAttribute"/> type.
/// </summary>
/// <typeparam name="TSelf">The schema type.</typeparam>
/// <remarks>
/// Writing allocates nothing beyond the array <see cref="ToByteArray"/> returns, and gives the bytes
/// Google.Protobuf writes for the same message with its keys inserted in sorted order. Parsing follows
/// TensorFlow's <c>parse_example</c>: missing required features, wrong dtypes and wrong value counts fail with
/// TensorFlow's messages; defaults apply; the last duplicate key wins; unknown keys are ignored.
/// </remarks>
public interface ITfExample<TSelf>
    where TSelf : ITfExample<TSelf>
{
    /// <summary>The features as TensorFlow parses them.</summary>
    static abstract ExampleSchema Schema { get; }

    /// <summary>Parses a serialized record.</summary>
    /// <param name="data">The serialized Example (or SequenceExample).</param>
    /// <returns>The value.</returns>
    /// <exception cref="ExampleParseException">The record does not fit the schema.</exception>
    /// <exception cref="ExampleFormatException">The bytes are malformed.</exception>
    static abstract TSelf Parse(ReadOnlySpan<byte> data);

    /// <summary>Parses a serialized record, reporting a mismatch or malformed bytes instead of throwing.</summary>
    /// <param name="data">The serialized Example (or SequenceExample).</param>
    /// <param name="value">The value, when parsed.</param>
    /// <param name="error">Why parsing failed; <see cref="ExampleParseErrorKind.None"/> on success.</param>
    /// <returns>True when parsed.</returns>
    [SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "A C# API; 'error' reads best.")]
    static abstract bool TryParse(ReadOnlySpan<byte> data, [MaybeNullWhen(false)] out TSelf value, out ExampleParseError error);

    /// <summary>The serialized size: the length <see cref="WriteTo(Span{byte})"/> writes.</summary>
    /// <returns>The size in bytes.</returns>
    /// <exception cref="InvalidOperationException">A member does not fit the schema (a required value is null, a fixed shape has another count).</exception>
    int GetSerializedSize();

    /// <summary>Serializes into a span.</summary>
    /// <param name="destination">Where to write; at least <see cref="GetSerializedSize"/> bytes.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="InvalidOperationException">A member does not fit the schema.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    int WriteTo(Span<byte> destination);

    /// <summary>Serializes into a buffer writer, advancing it by the serialized size.</summary>
    /// <param name="output">Where to write.</param>
    /// <exception cref="InvalidOperationException">A member does not fit the schema.</exception>
    void WriteTo(IBufferWriter<byte> output);

    /// <summary>Serializes into a new array.</summary>
    /// <returns>The serialized record.</returns>
    /// <exception cref="InvalidOperationException">A member does not fit the schema.</exception>
    byte[] ToByteArray();
}
