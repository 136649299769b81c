using System.Numerics;
using SchemaGen.Batches;
using SchemaGen.Examples;
using SchemaGen.Schema;

namespace SchemaGen.GeneratedCode;

// Reads of whole feature lists into batch columns: each step must hold exactly prod(shape) values of the dtype.
public static partial class GeneratedCodeSupport
{
    /// <summary>Reads every step of a feature list of int64 values into integers.</summary>
    /// <typeparam name="T">The column's integer type.</typeparam>
    /// <param name="featureList">The feature list.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="destination">Where to read: the list's step count × prod(shape) values.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read.</returns>
    public static bool TryReadInt64Steps<T>(FeatureListReader featureList, FeatureSpec spec, int index, Span<T> destination, out ExampleParseError error)
        where T : unmanaged, IBinaryInteger<T> =>
        TryReadSteps<T, Int64Read<T>>(featureList, spec, index, destination, out error);

    /// <summary>Reads every step of a feature list of int64 values (each 0 or 1) into bools.</summary>
    /// <param name="featureList">The feature list.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="destination">Where to read: the list's step count × prod(shape) values.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read.</returns>
    public static bool TryReadBooleanSteps(FeatureListReader featureList, FeatureSpec spec, int index, Span<bool> destination, out ExampleParseError error) =>
        TryReadSteps<bool, BooleanRead>(featureList, spec, index, destination, out error);

    /// <summary>Reads every step of a feature list of floats.</summary>
    /// <param name="featureList">The feature list.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="destination">Where to read: the list's step count × prod(shape) values.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read.</returns>
    public static bool TryReadFloatSteps(FeatureListReader featureList, FeatureSpec spec, int index, Span<float> destination, out ExampleParseError error) =>
        TryReadSteps<float, FloatRead>(featureList, spec, index, destination, out error);

    /// <summary>Reads every step of a feature list of floats into doubles.</summary>
    /// <param name="featureList">The feature list.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="destination">Where to read: the list's step count × prod(shape) values.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read.</returns>
    public static bool TryReadFloatSteps(FeatureListReader featureList, FeatureSpec spec, int index, Span<double> destination, out ExampleParseError error) =>
        TryReadSteps<double, DoubleRead>(featureList, spec, index, destination, out error);

    /// <summary>Appends a feature list of byte strings as a row of a batch column: every step's values, in order.</summary>
    /// <param name="featureList">The feature list.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="index">The example's index in its batch.</param>
    /// <param name="column">The column.</param>
    /// <param name="error">The error, on failure.</param>
    /// <returns>True when read; false leaves the column unchanged.</returns>
    public static bool TryAppendBytesSteps(FeatureListReader featureList, FeatureSpec spec, int index, BytesListColumn column, out ExampleParseError error)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(column);
        int rows = column.Count;
        column.BeginRow();
        foreach (FeatureReader step in featureList)
        {
            if (!TryCheckDataType(step, spec, index, out error) || !TryCheckCount(step, spec, index, spec.ElementCount, out error))
            {
                column.Truncate(rows);
                return false;
            }

            foreach (ReadOnlySpan<byte> bytes in step.EnumerateBytes())
            {
                column.AddValue(bytes);
            }
        }

        error = default;
        return true;
    }
}
