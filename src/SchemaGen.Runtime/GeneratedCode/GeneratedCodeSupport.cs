using System.Buffers;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using SchemaGen.Batches;
using SchemaGen.Examples;
using SchemaGen.Internal;
using SchemaGen.Schema;

namespace SchemaGen.GeneratedCode;

/// <summary>
/// Helpers the SchemaGen generator's code calls: checks that members fit their features on writing, number
/// conversions without allocation, and reads that apply TensorFlow's checks (data type, value count) on parsing.
/// </summary>
/// <remarks>Public for generated code only; its members may change between versions.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class GeneratedCodeSupport
{
    // ---- writing ----

    /// <summary>Returns a required member's value, or throws when it is null.</summary>
    /// <typeparam name="T">The member's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="member">The member, as <c>Type.Member</c>.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The value is null.</exception>
    public static T Required<T>([NotNull] T? value, string member)
        where T : class
    {
        if (value is null)
        {
            ThrowNull(member);
        }

        return value;
    }

    /// <summary>Returns a fixed-shape member's values, or throws when they are not exactly <paramref name="count"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="values">The values.</param>
    /// <param name="count">The shape's element count.</param>
    /// <param name="member">The member, as <c>Type.Member</c>.</param>
    /// <returns>The values.</returns>
    /// <exception cref="InvalidOperationException">The count differs.</exception>
    public static ReadOnlySpan<T> Exactly<T>(ReadOnlySpan<T> values, int count, string member)
    {
        if (values.Length != count)
        {
            ThrowCount(member, values.Length, count);
        }

        return values;
    }

    /// <summary>A list member's elements as a span: an array or a <see cref="List{T}"/> directly, any other list copied to a pooled array.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="list">The list; null gives an empty span.</param>
    /// <returns>The span; dispose it to return a pooled array.</returns>
    public static PooledSpan<T> AsSpan<T>(IReadOnlyList<T>? list) => new(list);

    /// <summary>Length of a Feature holding integers as an int64 list.</summary>
    /// <typeparam name="T">The integer type.</typeparam>
    /// <param name="values">The values.</param>
    /// <returns>The Feature message's length.</returns>
    public static int Int64ListFeature<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (typeof(T) == typeof(long))
        {
            return ExampleSize.Int64ListFeature(MemoryMarshal.Cast<T, long>(values));
        }

        int packed = 0;
        foreach (T value in values)
        {
            packed += WireFormat.VarintSize(unchecked((ulong)long.CreateTruncating(value)));
        }

        return WireFormat.DelimitedSize(packed == 0 ? 0 : WireFormat.DelimitedSize(packed));
    }

    /// <summary>Writes integers as an int64 list feature.</summary>
    /// <typeparam name="T">The integer type.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="utf8Key">The key.</param>
    /// <param name="values">The values.</param>
    public static void WriteInt64List<T>(ref ExampleWriter writer, ReadOnlySpan<byte> utf8Key, ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (typeof(T) == typeof(long))
        {
            writer.WriteInt64List(utf8Key, MemoryMarshal.Cast<T, long>(values));
            return;
        }

        long[] buffer = WidenToPooled(values);
        writer.WriteInt64List(utf8Key, buffer.AsSpan(0, values.Length));
        ArrayPool<long>.Shared.Return(buffer);
    }

    // The overload above again for the other writer: the two are distinct ref structs, and net8.0 has no
    // 'allows ref struct' constraint to share one generic body.
    /// <summary>Writes integers as an int64 list context feature.</summary>
    /// <typeparam name="T">The integer type.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="utf8Key">The key.</param>
    /// <param name="values">The values.</param>
    public static void WriteInt64List<T>(ref SequenceExampleWriter writer, ReadOnlySpan<byte> utf8Key, ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (typeof(T) == typeof(long))
        {
            writer.WriteInt64List(utf8Key, MemoryMarshal.Cast<T, long>(values));
            return;
        }

        long[] buffer = WidenToPooled(values);
        writer.WriteInt64List(utf8Key, buffer.AsSpan(0, values.Length));
        ArrayPool<long>.Shared.Return(buffer);
    }

    /// <summary>Writes integers as an int64 list step of the open feature list.</summary>
    /// <typeparam name="T">The integer type.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="values">The values.</param>
    public static void WriteInt64ListStep<T>(ref SequenceExampleWriter writer, ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (typeof(T) == typeof(long))
        {
            writer.WriteInt64ListStep(MemoryMarshal.Cast<T, long>(values));
            return;
        }

        long[] buffer = WidenToPooled(values);
        writer.WriteInt64ListStep(buffer.AsSpan(0, values.Length));
        ArrayPool<long>.Shared.Return(buffer);
    }

    /// <summary>Writes doubles, rounded to float32, as a float list feature.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="utf8Key">The key.</param>
    /// <param name="values">The values.</param>
    public static void WriteFloatList(ref ExampleWriter writer, ReadOnlySpan<byte> utf8Key, ReadOnlySpan<double> values)
    {
        float[] buffer = NarrowToPooled(values);
        writer.WriteFloatList(utf8Key, buffer.AsSpan(0, values.Length));
        ArrayPool<float>.Shared.Return(buffer);
    }

    /// <summary>Writes doubles, rounded to float32, as a float list context feature.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="utf8Key">The key.</param>
    /// <param name="values">The values.</param>
    public static void WriteFloatList(ref SequenceExampleWriter writer, ReadOnlySpan<byte> utf8Key, ReadOnlySpan<double> values)
    {
        float[] buffer = NarrowToPooled(values);
        writer.WriteFloatList(utf8Key, buffer.AsSpan(0, values.Length));
        ArrayPool<float>.Shared.Return(buffer);
    }

    /// <summary>Writes doubles, rounded to float32, as a float list step of the open feature list.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="values">The values.</param>
    public static void WriteFloatListStep(ref SequenceExampleWriter writer, ReadOnlySpan<double> values)
    {
        float[] buffer = NarrowToPooled(values);
        writer.WriteFloatListStep(buffer.AsSpan(0, values.Length));
        ArrayPool<float>.Shared.Return(buffer);
    }

    // ---- reading ----

    /// <summary>Checks that a feature holds the list its dtype needs.</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="error">The error, when it does not.</param>
    /// <returns>True when it does.</returns>
    public static bool TryCheckDataType(in FeatureReader feature, FeatureSpec spec, int index, out ExampleParseError error)
    {
        FeatureKind expected = spec.DType switch
        {
            FeatureDType.Int64 => FeatureKind.Int64List,
            FeatureDType.Float32 => FeatureKind.FloatList,
            _ => FeatureKind.BytesList,
        };
        if (feature.Kind == expected)
        {
            error = default;
            return true;
        }

        return WrongDataType(spec, feature.Kind, index, out error);
    }

    /// <summary>Reads a feature of one int64 into an integer member.</summary>
    /// <typeparam name="T">The member's integer type.</typeparam>
    /// <param name="feature">The feature.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="value">The value.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read.</returns>
    public static bool TryReadInt64<T>(in FeatureReader feature, FeatureSpec spec, int index, out T value, out ExampleParseError error)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = default;
        return TryReadInt64s(feature, spec, index, new Span<T>(ref value), out error);
    }

    /// <summary>Reads exactly <c>destination.Length</c> int64 values into integers.</summary>
    /// <typeparam name="T">The member's integer type.</typeparam>
    /// <param name="feature">The feature.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="destination">Where to read.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read.</returns>
    public static bool TryReadInt64s<T>(in FeatureReader feature, FeatureSpec spec, int index, Span<T> destination, out ExampleParseError error)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (!TryCheckDataType(feature, spec, index, out error) || !TryCheckCount(feature, spec, index, destination.Length, out error))
        {
            return false;
        }

        if (typeof(T) == typeof(long))
        {
            feature.CopyTo(MemoryMarshal.Cast<T, long>(destination));
            return true;
        }

        int i = 0;
        foreach (long value in feature.EnumerateInt64s())
        {
            T narrowed = T.CreateTruncating(value);
            if (long.CreateTruncating(narrowed) != value)
            {
                return ValueOutOfRange(spec, value, typeof(T).Name, index, out error);
            }

            destination[i++] = narrowed;
        }

        return true;
    }

    /// <summary>Reads all the int64 values of a feature into a new array of integers.</summary>
    /// <typeparam name="T">The member's integer type.</typeparam>
    /// <param name="feature">The feature.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="values">The values.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read.</returns>
    public static bool TryReadInt64Array<T>(in FeatureReader feature, FeatureSpec spec, int index, [NotNullWhen(true)] out T[]? values, out ExampleParseError error)
        where T : unmanaged, IBinaryInteger<T> =>
        TryReadArray<T, Int64Read<T>>(feature, spec, index, out values, out error);

    /// <summary>Appends all the int64 values of a feature as a row of a batch column.</summary>
    /// <typeparam name="T">The column's integer type.</typeparam>
    /// <param name="feature">The feature.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="count">The number of values the shape needs, or -1 for any.</param>
    /// <param name="column">The column.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read; false leaves the column unchanged.</returns>
    public static bool TryAppendInt64s<T>(in FeatureReader feature, FeatureSpec spec, int index, int count, VarLenColumn<T> column, out ExampleParseError error)
        where T : unmanaged, IBinaryInteger<T> =>
        TryAppend<T, Int64Read<T>>(feature, spec, index, count, column, out error);

    /// <summary>Reads a feature of one int64 (0 or 1) into a bool.</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="value">The value.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read.</returns>
    public static bool TryReadBoolean(in FeatureReader feature, FeatureSpec spec, int index, out bool value, out ExampleParseError error)
    {
        value = false;
        return TryReadBooleans(feature, spec, index, new Span<bool>(ref value), out error);
    }

    /// <summary>Reads exactly <c>destination.Length</c> int64 values (each 0 or 1) into bools.</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="destination">Where to read.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read.</returns>
    public static bool TryReadBooleans(in FeatureReader feature, FeatureSpec spec, int index, Span<bool> destination, out ExampleParseError error)
    {
        if (!TryCheckDataType(feature, spec, index, out error) || !TryCheckCount(feature, spec, index, destination.Length, out error))
        {
            return false;
        }

        int i = 0;
        foreach (long value in feature.EnumerateInt64s())
        {
            if ((ulong)value > 1)
            {
                return ValueOutOfRange(spec, value, nameof(Boolean), index, out error);
            }

            destination[i++] = value != 0;
        }

        return true;
    }

    /// <summary>Reads all the int64 values (each 0 or 1) of a feature into a new array of bools.</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="values">The values.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read.</returns>
    public static bool TryReadBooleanArray(in FeatureReader feature, FeatureSpec spec, int index, [NotNullWhen(true)] out bool[]? values, out ExampleParseError error) =>
        TryReadArray<bool, BooleanRead>(feature, spec, index, out values, out error);

    /// <summary>Appends all the int64 values (each 0 or 1) of a feature as a row of a batch column.</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="count">The number of values the shape needs, or -1 for any.</param>
    /// <param name="column">The column.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read; false leaves the column unchanged.</returns>
    public static bool TryAppendBooleans(in FeatureReader feature, FeatureSpec spec, int index, int count, VarLenColumn<bool> column, out ExampleParseError error) =>
        TryAppend<bool, BooleanRead>(feature, spec, index, count, column, out error);

    /// <summary>Reads a feature of one float.</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="value">The value.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read.</returns>
    public static bool TryReadFloat(in FeatureReader feature, FeatureSpec spec, int index, out float value, out ExampleParseError error)
    {
        value = 0;
        return TryReadFloats(feature, spec, index, new Span<float>(ref value), out error);
    }

    /// <summary>Reads exactly <c>destination.Length</c> floats.</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="destination">Where to read.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read.</returns>
    public static bool TryReadFloats(in FeatureReader feature, FeatureSpec spec, int index, Span<float> destination, out ExampleParseError error)
    {
        if (!TryCheckDataType(feature, spec, index, out error) || !TryCheckCount(feature, spec, index, destination.Length, out error))
        {
            return false;
        }

        feature.CopyTo(destination);
        return true;
    }

    /// <summary>Reads exactly <c>destination.Length</c> floats into doubles.</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="destination">Where to read.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read.</returns>
    public static bool TryReadFloats(in FeatureReader feature, FeatureSpec spec, int index, Span<double> destination, out ExampleParseError error)
    {
        if (!TryCheckDataType(feature, spec, index, out error) || !TryCheckCount(feature, spec, index, destination.Length, out error))
        {
            return false;
        }

        int i = 0;
        foreach (float value in feature.EnumerateFloats())
        {
            destination[i++] = value;
        }

        return true;
    }

    /// <summary>Reads all the floats of a feature into a new array.</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="values">The values.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read.</returns>
    public static bool TryReadFloatArray(in FeatureReader feature, FeatureSpec spec, int index, [NotNullWhen(true)] out float[]? values, out ExampleParseError error)
    {
        values = null;
        if (!TryCheckDataType(feature, spec, index, out error))
        {
            return false;
        }

        values = feature.ToFloatArray();
        return true;
    }

    /// <summary>Reads all the floats of a feature into a new array of doubles.</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="values">The values.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read.</returns>
    public static bool TryReadDoubleArray(in FeatureReader feature, FeatureSpec spec, int index, [NotNullWhen(true)] out double[]? values, out ExampleParseError error) =>
        TryReadArray<double, DoubleRead>(feature, spec, index, out values, out error);

    /// <summary>Appends all the floats of a feature as a row of a batch column.</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="count">The number of values the shape needs, or -1 for any.</param>
    /// <param name="column">The column.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read; false leaves the column unchanged.</returns>
    public static bool TryAppendFloats(in FeatureReader feature, FeatureSpec spec, int index, int count, VarLenColumn<float> column, out ExampleParseError error)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (!TryCheckDataType(feature, spec, index, out error) || (count >= 0 && !TryCheckCount(feature, spec, index, count, out error)))
        {
            return false;
        }

        feature.CopyTo(column.AppendRow(feature.Count));
        return true;
    }

    /// <summary>Appends all the floats of a feature as a row of a batch column of doubles.</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="count">The number of values the shape needs, or -1 for any.</param>
    /// <param name="column">The column.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read; false leaves the column unchanged.</returns>
    public static bool TryAppendFloats(in FeatureReader feature, FeatureSpec spec, int index, int count, VarLenColumn<double> column, out ExampleParseError error) =>
        TryAppend<double, DoubleRead>(feature, spec, index, count, column, out error);

    /// <summary>Reads a feature of one bytes value into a new array.</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="value">The value.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read.</returns>
    public static bool TryReadBytes(in FeatureReader feature, FeatureSpec spec, int index, [NotNullWhen(true)] out byte[]? value, out ExampleParseError error)
    {
        value = null;
        if (!TryCheckDataType(feature, spec, index, out error) || !TryCheckCount(feature, spec, index, 1, out error))
        {
            return false;
        }

        value = feature.OnlyBytes.ToArray();
        return true;
    }

    /// <summary>Reads a feature of one bytes value, decoded from UTF-8.</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="value">The value.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read.</returns>
    public static bool TryReadString(in FeatureReader feature, FeatureSpec spec, int index, [NotNullWhen(true)] out string? value, out ExampleParseError error)
    {
        value = null;
        if (!TryCheckDataType(feature, spec, index, out error) || !TryCheckCount(feature, spec, index, 1, out error))
        {
            return false;
        }

        value = Encoding.UTF8.GetString(feature.OnlyBytes);
        return true;
    }

    /// <summary>Reads a feature of one bytes value holding exactly <c>destination.Length</c> raw bytes (a uint8 tensor).</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="destination">Where to copy the bytes.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read.</returns>
    public static bool TryReadRaw(in FeatureReader feature, FeatureSpec spec, int index, Span<byte> destination, out ExampleParseError error)
    {
        if (!TryCheckDataType(feature, spec, index, out error) || !TryCheckCount(feature, spec, index, 1, out error))
        {
            return false;
        }

        ReadOnlySpan<byte> bytes = feature.OnlyBytes;
        if (bytes.Length != destination.Length)
        {
            return WrongByteCount(spec, bytes.Length, index, out error);
        }

        ByteCopy.Copy(bytes, destination);
        return true;
    }

    /// <summary>Reads the bytes values of a feature into new arrays.</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="count">The number of values the shape needs, or -1 for any.</param>
    /// <param name="values">The values.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read.</returns>
    public static bool TryReadBytesArray(in FeatureReader feature, FeatureSpec spec, int index, int count, [NotNullWhen(true)] out byte[][]? values, out ExampleParseError error)
    {
        values = null;
        if (!TryCheckDataType(feature, spec, index, out error) || (count >= 0 && !TryCheckCount(feature, spec, index, count, out error)))
        {
            return false;
        }

        values = feature.ToBytesArray();
        return true;
    }

    /// <summary>Reads the bytes values of a feature, decoded from UTF-8.</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="count">The number of values the shape needs, or -1 for any.</param>
    /// <param name="values">The values.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read.</returns>
    public static bool TryReadStringArray(in FeatureReader feature, FeatureSpec spec, int index, int count, [NotNullWhen(true)] out string[]? values, out ExampleParseError error)
    {
        values = null;
        if (!TryCheckDataType(feature, spec, index, out error) || (count >= 0 && !TryCheckCount(feature, spec, index, count, out error)))
        {
            return false;
        }

        var array = feature.Count == 0 ? [] : new string[feature.Count];
        int i = 0;
        foreach (ReadOnlySpan<byte> bytes in feature.EnumerateBytes())
        {
            array[i++] = Encoding.UTF8.GetString(bytes);
        }

        values = array;
        return true;
    }

    /// <summary>Appends the bytes values of a feature as a row of a batch column.</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="count">The number of values the shape needs, or -1 for any.</param>
    /// <param name="column">The column.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read; false leaves the column unchanged.</returns>
    public static bool TryAppendBytes(in FeatureReader feature, FeatureSpec spec, int index, int count, BytesListColumn column, out ExampleParseError error)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (!TryCheckDataType(feature, spec, index, out error) || (count >= 0 && !TryCheckCount(feature, spec, index, count, out error)))
        {
            return false;
        }

        column.BeginRow();
        foreach (ReadOnlySpan<byte> bytes in feature.EnumerateBytes())
        {
            column.AddValue(bytes);
        }

        return true;
    }

    /// <summary>Throws the exception for a parse error.</summary>
    /// <param name="error">The error.</param>
    /// <exception cref="ExampleParseException">Always.</exception>
    [DoesNotReturn]
    public static void Throw(in ExampleParseError error) => throw new ExampleParseException(error);

    private static bool TryCheckCount(in FeatureReader feature, FeatureSpec spec, int index, int count, out ExampleParseError error)
    {
        if (feature.Count == count)
        {
            error = default;
            return true;
        }

        return WrongValueCount(spec, feature.Count, index, out error);
    }

    // The errors are built out of line: each one built inline costs its caller a zeroed stack temporary (the
    // struct holds references), and generated parsers inline these helpers.

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool WrongDataType(FeatureSpec spec, FeatureKind actual, int index, out ExampleParseError error)
    {
        // A feature list step with no kind holds no values; a top-level one never gets here (it counts as missing).
        error = actual == FeatureKind.None
            ? ExampleParseError.WrongValueCount(spec, 0, index)
            : ExampleParseError.WrongDataType(spec, actual, index);
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool WrongValueCount(FeatureSpec spec, int count, int index, out ExampleParseError error)
    {
        error = ExampleParseError.WrongValueCount(spec, count, index);
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool WrongByteCount(FeatureSpec spec, int byteCount, int index, out ExampleParseError error)
    {
        error = ExampleParseError.WrongByteCount(spec, byteCount, index);
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool ValueOutOfRange(FeatureSpec spec, long value, string typeName, int index, out ExampleParseError error)
    {
        error = ExampleParseError.ValueOutOfRange(spec, value, typeName, index);
        return false;
    }

    private static long[] WidenToPooled<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryInteger<T>
    {
        long[] buffer = ArrayPool<long>.Shared.Rent(values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            buffer[i] = long.CreateTruncating(values[i]);
        }

        return buffer;
    }

    private static float[] NarrowToPooled(ReadOnlySpan<double> values)
    {
        float[] buffer = ArrayPool<float>.Shared.Rent(values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            buffer[i] = (float)values[i];
        }

        return buffer;
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNull(string member) =>
        throw new InvalidOperationException($"{member} is null: its feature is required. Make the member nullable to leave the feature out.");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowCount(string member, int actual, int expected) =>
        throw new InvalidOperationException($"{member} has {actual} values: its fixed shape needs exactly {expected}.");
}
