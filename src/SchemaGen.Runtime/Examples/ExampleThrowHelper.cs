using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace SchemaGen.Examples;

/// <summary>Builds and throws the codec's exceptions, so the hot methods stay small and inlinable.</summary>
internal static class ExampleThrowHelper
{
    // ---- reading: ExampleFormatException, naming the byte offset and, inside a feature, its key ----

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowTruncatedVarint(ReadOnlySpan<byte> buffer, int offset, int end, ErrorContext context) =>
        throw Malformed(buffer, offset, context,
            $"truncated varint: its message ends at byte {end} before the varint's last byte");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowVarintTooLong(ReadOnlySpan<byte> buffer, int offset, ErrorContext context) =>
        throw Malformed(buffer, offset, context, "malformed varint: longer than 10 bytes");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowLengthOutOfRange(ReadOnlySpan<byte> buffer, int offset, ulong length, int remaining, ErrorContext context) =>
        throw Malformed(buffer, offset, context,
            $"length {length} runs past the end of its enclosing message, which has {remaining} bytes left after the length");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowTruncatedFixed(ReadOnlySpan<byte> buffer, int offset, int size, int remaining, ErrorContext context) =>
        throw Malformed(buffer, offset, context,
            $"truncated {size}-byte value: its message has only {remaining} bytes left");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowInvalidTag(ReadOnlySpan<byte> buffer, int offset, ulong tag, ErrorContext context)
    {
        ulong field = tag >> 3;
        int wireType = (int)(tag & 7);
        string problem = field == 0 ? $"invalid field tag {tag}: field number 0 is not allowed"
            : wireType is WireFormat.StartGroup or WireFormat.EndGroup
                ? $"unsupported wire type {wireType} (group) for field {field}: TensorFlow's parse_example refuses groups; expected 0 (varint), 1 (64-bit), 2 (length-delimited) or 5 (32-bit)"
                : $"invalid wire type {wireType} for field {field}: expected 0 (varint), 1 (64-bit), 2 (length-delimited) or 5 (32-bit)";
        throw Malformed(buffer, offset, context, problem);
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowPackedFloatLength(ReadOnlySpan<byte> buffer, int offset, int length, ErrorContext context) =>
        throw Malformed(buffer, offset, context,
            $"packed float_list of {length} bytes: expected a multiple of 4");

    private static ExampleFormatException Malformed(ReadOnlySpan<byte> buffer, int offset, ErrorContext context, string problem)
    {
        string? key = context.HasKey ? KeyText(buffer.Slice(context.KeyStart, context.KeyLength)) : null;
        string where = key is null ? $"at byte {offset}" : $"in feature '{key}' at byte {offset}";
        return new ExampleFormatException($"Malformed tf.train.Example data {where}: {problem}.", offset, key);
    }

    // ---- reading: using a feature as a kind it is not ----

#pragma warning disable CA2208 // "destination" names the public caller's parameter, which these helpers throw for.

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowKindMismatch(ReadOnlySpan<byte> key, FeatureKind kind, FeatureKind requested) =>
        throw new InvalidOperationException(
            $"Feature '{KeyText(key)}' holds a {ProtoName(kind)}, not a {ProtoName(requested)}.");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowDestinationTooShort(ReadOnlySpan<byte> key, int count, int destinationLength) =>
        throw new ArgumentException(
            $"Feature '{KeyText(key)}' has {count} values but the destination holds only {destinationLength}.", "destination");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowDestinationTooShortForBytes(ReadOnlySpan<byte> key, int byteCount, int destinationLength) =>
        throw new ArgumentException(
            $"Feature '{KeyText(key)}' holds {byteCount} bytes but the destination holds only {destinationLength}.", "destination");

    // ---- writing ----

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowNoRoom(WriteLimit limit, long needed, long available) => throw limit switch
    {
        WriteLimit.Destination => new ArgumentException(
            $"The destination is too small: the next write needs {needed} bytes but {available} remain.", "destination"),
        WriteLimit.Completed => new InvalidOperationException("The writer is complete: nothing more can be written."),
        _ => new InvalidOperationException(
            $"The next write needs {needed} bytes but only {available} remain of the {LengthName(limit)} given to the writer."),
    };

#pragma warning restore CA2208

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowLengthMismatch(WriteLimit limit, int declared, int written) =>
        throw new InvalidOperationException(
            $"The {LengthName(limit)} given to the writer was {declared} bytes, but {written} bytes were written.");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowKeysOutOfOrder(ReadOnlySpan<byte> previous, ReadOnlySpan<byte> current) =>
        throw new InvalidOperationException(
            $"Keys must be written in ascending order of their UTF-8 bytes, each once: '{KeyText(current)}' came after '{KeyText(previous)}'. " +
            "Sort them with FeatureKeyComparer.");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowInvalidOperation(string message) => throw new InvalidOperationException(message);

    private static string LengthName(WriteLimit limit) => limit switch
    {
        WriteLimit.FeaturesLength => "features length",
        WriteLimit.ContextLength => "context length",
        WriteLimit.FeatureListsLength => "feature lists length",
        _ => "feature list length",
    };

    private static string KeyText(ReadOnlySpan<byte> key) => Encoding.UTF8.GetString(key);

    private static string ProtoName(FeatureKind kind) => kind switch
    {
        FeatureKind.BytesList => "bytes_list",
        FeatureKind.FloatList => "float_list",
        FeatureKind.Int64List => "int64_list",
        _ => "no value",
    };
}
