using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using SchemaGen.Batches;
using SchemaGen.Examples;
using SchemaGen.Schema;

namespace SchemaGen.GeneratedCode;

// The shared shapes of the column reads: a feature appended as a row, a feature list read step by step. Each value
// type's own read (its data type and count checks, its conversion) plugs in as a static member, so the loops are
// written once and stay free of delegates: FeatureReader is a ref struct.
public static partial class GeneratedCodeSupport
{
    private interface ISpanRead<T>
    {
        static abstract bool TryRead(in FeatureReader feature, FeatureSpec spec, int index, Span<T> destination, out ExampleParseError error);
    }

    // Appends a feature as a row of a column; a failed read leaves the column as it was.
    private static bool TryAppend<T, TRead>(in FeatureReader feature, FeatureSpec spec, int index, int count, VarLenColumn<T> column, out ExampleParseError error)
        where T : unmanaged
        where TRead : ISpanRead<T>
    {
        ArgumentNullException.ThrowIfNull(column);
        if (!TryCheckDataType(feature, spec, index, out error) || (count >= 0 && !TryCheckCount(feature, spec, index, count, out error)))
        {
            return false;
        }

        int rows = column.Count;
        if (!TRead.TryRead(feature, spec, index, column.AppendRow(feature.Count), out error))
        {
            column.Truncate(rows);
            return false;
        }

        return true;
    }

    // Reads a feature into a new array of its length.
    private static bool TryReadArray<T, TRead>(in FeatureReader feature, FeatureSpec spec, int index, [NotNullWhen(true)] out T[]? values, out ExampleParseError error)
        where TRead : ISpanRead<T>
    {
        values = null;
        if (!TryCheckDataType(feature, spec, index, out error))
        {
            return false;
        }

        var array = feature.Count == 0 ? [] : new T[feature.Count];
        if (!TRead.TryRead(feature, spec, index, array, out error))
        {
            return false;
        }

        values = array;
        return true;
    }

    // Reads every step of a feature list, prod(shape) values each, one after another into the destination.
    private static bool TryReadSteps<T, TRead>(FeatureListReader featureList, FeatureSpec spec, int index, Span<T> destination, out ExampleParseError error)
        where TRead : ISpanRead<T>
    {
        ArgumentNullException.ThrowIfNull(spec);
        int width = spec.ElementCount;
        int offset = 0;
        foreach (FeatureReader step in featureList)
        {
            if (!TRead.TryRead(step, spec, index, destination.Slice(offset, width), out error))
            {
                return false;
            }

            offset += width;
        }

        error = default;
        return true;
    }

    private readonly struct Int64Read<T> : ISpanRead<T>
        where T : unmanaged, IBinaryInteger<T>
    {
        public static bool TryRead(in FeatureReader feature, FeatureSpec spec, int index, Span<T> destination, out ExampleParseError error) =>
            TryReadInt64s(feature, spec, index, destination, out error);
    }

    private readonly struct BooleanRead : ISpanRead<bool>
    {
        public static bool TryRead(in FeatureReader feature, FeatureSpec spec, int index, Span<bool> destination, out ExampleParseError error) =>
            TryReadBooleans(feature, spec, index, destination, out error);
    }

    private readonly struct FloatRead : ISpanRead<float>
    {
        public static bool TryRead(in FeatureReader feature, FeatureSpec spec, int index, Span<float> destination, out ExampleParseError error) =>
            TryReadFloats(feature, spec, index, destination, out error);
    }

    private readonly struct DoubleRead : ISpanRead<double>
    {
        public static bool TryRead(in FeatureReader feature, FeatureSpec spec, int index, Span<double> destination, out ExampleParseError error) =>
            TryReadFloats(feature, spec, index, destination, out error);
    }
}
