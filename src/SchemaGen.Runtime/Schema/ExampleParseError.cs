using System.Globalization;
using SchemaGen.Examples;

namespace SchemaGen.Schema;

/// <summary>
/// Why a record did not parse into a schema type, with TensorFlow's wording (<c>example_proto_fast_parsing.cc</c>):
/// <c>Name: &lt;unknown&gt;, Feature: label (data type: int64) is required but could not be found.</c>
/// Creating one allocates nothing; the message is formatted when asked for.
/// </summary>
public readonly struct ExampleParseError
{
    private const string UnknownName = "<unknown>";

    private ExampleParseError(ExampleParseErrorKind kind, FeatureSpec? feature, int index, FeatureKind actualKind = FeatureKind.None, long count = 0, string? detail = null)
    {
        Kind = kind;
        Feature = feature;
        Index = index;
        ActualKind = actualKind;
        Count = count;
        Detail = detail;
    }

    /// <summary>What went wrong; <see cref="ExampleParseErrorKind.None"/> for no error.</summary>
    public ExampleParseErrorKind Kind { get; }

    /// <summary>The feature at fault, or null for bytes that are malformed outside any known feature.</summary>
    public FeatureSpec? Feature { get; }

    /// <summary>The feature's key, or null.</summary>
    public string? Key => Feature?.Key;

    /// <summary>The example's index in its batch (TensorFlow's <c>Index</c>): the batch row, 0 for a single record.</summary>
    public int Index { get; }

    /// <summary>For <see cref="ExampleParseErrorKind.WrongDataType"/>: the list the feature holds.</summary>
    public FeatureKind ActualKind { get; }

    /// <summary>
    /// For <see cref="ExampleParseErrorKind.WrongValueCount"/> the number of values found, for
    /// <see cref="ExampleParseErrorKind.WrongByteCount"/> the number of bytes, for
    /// <see cref="ExampleParseErrorKind.ValueOutOfRange"/> the value.
    /// </summary>
    public long Count { get; }

    /// <summary>For <see cref="ExampleParseErrorKind.ValueOutOfRange"/> the member's type, for <see cref="ExampleParseErrorKind.Malformed"/> what was wrong.</summary>
    public string? Detail { get; }

    /// <summary>The message with TensorFlow's wording, for an example with no name (<c>Name: &lt;unknown&gt;</c>).</summary>
    public string Message => FormatMessage(UnknownName);

    /// <summary>A required feature is missing.</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <returns>The error.</returns>
    public static ExampleParseError Missing(FeatureSpec feature, int index) => new(ExampleParseErrorKind.MissingFeature, feature, index);

    /// <summary>A feature holds another list than its dtype.</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="actual">The list it holds.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <returns>The error.</returns>
    public static ExampleParseError WrongDataType(FeatureSpec feature, FeatureKind actual, int index) => new(ExampleParseErrorKind.WrongDataType, feature, index, actual);

    /// <summary>A fixed-length feature holds another number of values than its shape.</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="count">The number of values it holds.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <returns>The error.</returns>
    public static ExampleParseError WrongValueCount(FeatureSpec feature, int count, int index) => new(ExampleParseErrorKind.WrongValueCount, feature, index, count: count);

    /// <summary>A raw uint8 tensor feature holds another number of bytes than its shape.</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="byteCount">The number of bytes it holds.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <returns>The error.</returns>
    public static ExampleParseError WrongByteCount(FeatureSpec feature, int byteCount, int index) => new(ExampleParseErrorKind.WrongByteCount, feature, index, count: byteCount);

    /// <summary>An int64 value does not fit the member's type.</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="value">The value.</param>
    /// <param name="memberType">The member's (element) type, e.g. <c>Int32</c>.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <returns>The error.</returns>
    public static ExampleParseError ValueOutOfRange(FeatureSpec feature, long value, string memberType, int index) =>
        new(ExampleParseErrorKind.ValueOutOfRange, feature, index, count: value, detail: memberType);

    /// <summary>The bytes are malformed.</summary>
    /// <param name="exception">What the reader found.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <returns>The error.</returns>
    public static ExampleParseError Malformed(ExampleFormatException exception, int index)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(ExampleParseErrorKind.Malformed, null, index, detail: exception.Message);
    }

    /// <summary>The message with TensorFlow's wording, for an example of the given name (a file and record, say).</summary>
    /// <param name="exampleName">The example's name, as TensorFlow prints after <c>Name:</c>.</param>
    /// <returns>The message.</returns>
    public string FormatMessage(string exampleName)
    {
        string key = Feature?.Key ?? "";
        string dtype = Feature is null ? "" : FeatureSpec.DTypeName(Feature.DType);
        string at = string.Create(CultureInfo.InvariantCulture, $"Name: {exampleName}, Key: {key}, Index: {Index}.  ");
        return Kind switch
        {
            ExampleParseErrorKind.None => "No error.",
            ExampleParseErrorKind.MissingFeature =>
                $"Name: {exampleName}, Feature: {key} (data type: {dtype}) is required but could not be found.",
            ExampleParseErrorKind.WrongDataType when Feature!.Kind == FeatureSpecKind.VarLen || Feature.IsOptional =>
                $"{at}Data types don't match. Expected type: {dtype}, Actual type: {ActualTypeName}",
            ExampleParseErrorKind.WrongDataType =>
                $"{at}Data types don't match. Data type: {ActualTypeName} but expected type: {dtype}",
            ExampleParseErrorKind.WrongValueCount => string.Create(CultureInfo.InvariantCulture,
                $"{at}Number of {ValueTypeName} values != expected.  Values size: {Count} but output shape: [{string.Join(",", Feature!.Shape)}]"),
            ExampleParseErrorKind.WrongByteCount => string.Create(CultureInfo.InvariantCulture,
                $"{at}Input to reshape is a tensor with {Count} values, but the requested shape has {Feature!.DecodeRawShape.Aggregate(1, (a, b) => a * b)}"),
            ExampleParseErrorKind.ValueOutOfRange => string.Create(CultureInfo.InvariantCulture,
                $"{at}Value {Count} does not fit the member's type {Detail}."),
            _ => Feature is null
                ? $"Name: {exampleName}.  Can't parse serialized Example: {Detail}"
                : $"{at}Can't parse serialized Example: {Detail}",
        };
    }

    /// <summary>The message (<see cref="Message"/>).</summary>
    /// <returns>The message.</returns>
    public override string ToString() => Message;

    private string ActualTypeName => ActualKind switch
    {
        FeatureKind.Int64List => "int64",
        FeatureKind.FloatList => "float",
        FeatureKind.BytesList => "string",
        _ => "invalid",
    };

    private string ValueTypeName => Feature!.DType switch
    {
        FeatureDType.Int64 => "int64",
        FeatureDType.Float32 => "float",
        _ => "bytes",
    };
}
