using System.Buffers.Binary;
using System.Collections;

namespace SchemaGen.Conversion.Pickle;

/// <summary>
/// A numpy array as unpickled: shape, dtype and the data as the pickle held it, without copying: a view of the
/// pickle's bytes (or a small <c>bytes</c> object), or for an object array the list of its elements.
/// </summary>
internal sealed class NumpyArray
{
    public int[] Shape { get; private set; } = [];

    /// <summary>Null until the array has its state: <c>_reconstruct</c> makes an empty array that only BUILD fills.</summary>
    public NumpyDtype? Dtype { get; private set; }

    /// <summary>Whether the array has its shape, dtype and data (made by <c>_frombuffer</c>, or given them by BUILD).</summary>
    public bool HasState => Dtype is not null;

    public bool IsFortranOrder { get; private set; }

    /// <summary>The data of an array of fixed-size items, C order.</summary>
    public ReadOnlyMemory<byte> Bytes { get; private set; }

    /// <summary>The elements of an object array.</summary>
    public IList? Elements { get; private set; }

    public long ElementCount
    {
        get
        {
            // Dimensions are each below 2^31, but enough of them overflow a long: such a shape holds no real data.
            long count = 1;
            foreach (int dimension in Shape)
            {
                count = dimension == 0 || count <= long.MaxValue / dimension
                    ? count * dimension
                    : throw new PickleDataException($"an array of shape ({string.Join(", ", Shape)}) has more elements than fit in memory");
            }

            return count;
        }
    }

    public static NumpyArray FromBuffer(ReadOnlyMemory<byte> buffer, NumpyDtype dtype, int[] shape, bool fortranOrder)
    {
        var array = new NumpyArray { Shape = shape, Dtype = dtype, IsFortranOrder = fortranOrder, Bytes = buffer };
        array.Validate();
        return array;
    }

    /// <summary>Called by the unpickler's BUILD with ndarray's state: <c>(version, shape, dtype, is_fortran, data)</c>.</summary>
#pragma warning disable CA1707, IDE1006 // the name is the pickle protocol's, found by reflection
    public void __setstate__(object[] state)
#pragma warning restore CA1707, IDE1006
    {
        // Version 1 has five items; the version-less form of old numpy has four.
        int first = state.Length == 5 ? 1 : state.Length == 4 ? 0 : throw new PickleDataException($"an ndarray state has {state.Length} items, expected 4 or 5");
        Shape = NumpyValues.ToShape(state[first]);
        Dtype = state[first + 1] as NumpyDtype ?? throw new PickleDataException("an ndarray state holds no dtype");
        IsFortranOrder = NumpyValues.ToBoolean(state[first + 2]);
        object? data = state[first + 3];
        if (Dtype.IsObject)
        {
            Elements = data as IList;
        }
        else
        {
            Bytes = data is string or byte[] or PickleBuffer
                ? NumpyValues.ToBytes(data)
                : throw new PickleDataException($"an array of dtype '{Dtype}' holds no byte data");
        }

        Validate();
    }

    /// <summary>Reads element <paramref name="index"/> (flat, C order) of an integer array.</summary>
    public long GetInt64(long index)
    {
        var dtype = Dtype ?? throw new PickleDataException(WithoutState);
        if (dtype.IsObject)
        {
            return NumpyValues.ToInt64(Elements![checked((int)index)]);
        }

        if (!dtype.IsInteger)
        {
            throw new PickleDataException($"an array of dtype '{dtype}' was found where integers were expected");
        }

        int size = dtype.ItemSize;
        return NumpyValues.ReadInteger(Bytes.Span.Slice(checked((int)(index * size)), size), dtype);
    }

    /// <summary>What is wrong with an array that <c>_reconstruct</c> made and no BUILD filled.</summary>
    public const string WithoutState = "an ndarray was reconstructed but never given its state (no BUILD with shape, dtype and data)";

    private void Validate()
    {
        var dtype = Dtype!;
        if (dtype.IsObject)
        {
            if (Elements is null || Elements.Count != ElementCount)
            {
                throw new PickleDataException($"an object array of shape ({string.Join(", ", Shape)}) does not hold {ElementCount} elements");
            }

            return;
        }

        if (dtype.ItemSize == 0)
        {
            throw new PickleDataException($"numpy dtype '{dtype}' is not supported");
        }

        if (Bytes.Length != ElementCount * dtype.ItemSize)
        {
            throw new PickleDataException(
                $"an array of shape ({string.Join(", ", Shape)}) and dtype '{dtype}' needs {ElementCount * dtype.ItemSize} bytes but holds {Bytes.Length}");
        }

        if (IsFortranOrder && Shape.Length > 1)
        {
            throw new PickleDataException("Fortran-ordered arrays are not supported");
        }
    }
}

/// <summary>Conversions of unpickled Python values, shared by the numpy constructors and the CIFAR readers.</summary>
internal static class NumpyValues
{
    public static long ToInt64(object? value) => value switch
    {
        int i => i,
        long l => l,
        bool b => b ? 1 : 0,
        System.Numerics.BigInteger big when big >= long.MinValue && big <= long.MaxValue => (long)big,
        NumpyScalar scalar => scalar.Value,
        _ => throw new PickleDataException($"expected an integer, found {Describe(value)}"),
    };

    public static bool ToBoolean(object? value) => value switch
    {
        bool b => b,
        int i => i != 0,
        long l => l != 0,
        _ => throw new PickleDataException($"expected a bool, found {Describe(value)}"),
    };

    public static int[] ToShape(object? value)
    {
        if (value is not object[] tuple)
        {
            throw new PickleDataException($"expected a shape tuple, found {Describe(value)}");
        }

        var shape = new int[tuple.Length];
        for (int i = 0; i < tuple.Length; i++)
        {
            long dimension = ToInt64(tuple[i]);
            shape[i] = dimension is >= 0 and <= int.MaxValue ? (int)dimension : throw new PickleDataException($"shape dimension {dimension} is out of range");
        }

        return shape;
    }

    public static long ReadInteger(ReadOnlySpan<byte> item, NumpyDtype dtype)
    {
        bool big = dtype.IsBigEndian;
        bool signed = dtype.Kind == 'i';
        return item.Length switch
        {
            1 => signed ? (sbyte)item[0] : item[0],
            2 => big ? (signed ? BinaryPrimitives.ReadInt16BigEndian(item) : BinaryPrimitives.ReadUInt16BigEndian(item))
                     : (signed ? BinaryPrimitives.ReadInt16LittleEndian(item) : BinaryPrimitives.ReadUInt16LittleEndian(item)),
            4 => big ? (signed ? BinaryPrimitives.ReadInt32BigEndian(item) : BinaryPrimitives.ReadUInt32BigEndian(item))
                     : (signed ? BinaryPrimitives.ReadInt32LittleEndian(item) : BinaryPrimitives.ReadUInt32LittleEndian(item)),
            _ => big ? BinaryPrimitives.ReadInt64BigEndian(item) : BinaryPrimitives.ReadInt64LittleEndian(item),
        };
    }

    /// <summary>The bytes of a Python 2 <c>str</c> (chars 0–255), a <c>bytes</c> object, or an out-of-band buffer.</summary>
    public static ReadOnlyMemory<byte> ToBytes(object? value) => value switch
    {
        PickleBuffer buffer => buffer.Bytes,
        byte[] bytes => bytes,
        string text => Latin1Bytes(text),
        _ => throw new PickleDataException($"expected bytes, found {Describe(value)}"),
    };

    public static byte[] Latin1Bytes(string text)
    {
        foreach (char c in text)
        {
            if (c > 0xFF)
            {
                throw new PickleDataException("a byte string holds a character above U+00FF");
            }
        }

        return System.Text.Encoding.Latin1.GetBytes(text);
    }

    public static string Describe(object? value) => value switch
    {
        null => "None",
        string => "a str",
        byte[] => "bytes",
        PickleBuffer buffer => buffer.IsPython2String ? "a str" : "bytes",
        object[] tuple => $"a tuple of {tuple.Length}",
        IList list => $"a list of {list.Count}",
        IDictionary => "a dict",
        NumpyArray { HasState: false } => "an ndarray without state (never built)",
        NumpyArray array => $"an ndarray of dtype '{array.Dtype}' and shape ({string.Join(", ", array.Shape)})",
        _ => $"a {value.GetType().Name}",
    };
}
