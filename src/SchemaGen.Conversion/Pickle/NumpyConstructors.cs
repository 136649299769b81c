using Razorvine.Pickle;

namespace SchemaGen.Conversion.Pickle;

/// <summary><c>numpy.core.multiarray._reconstruct(ndarray, (0,), b'b')</c>: an empty array that BUILD then fills.</summary>
internal sealed class ReconstructConstructor : IObjectConstructor
{
    public object construct(object[] args)
    {
        if (args.Length != 3 || args[0] is not NdarrayTypeConstructor)
        {
            throw new PickleDataException("_reconstruct is only allowed for numpy.ndarray itself");
        }

        return new NumpyArray();
    }
}

/// <summary><c>numpy.ndarray</c> names the class; it may be passed to <c>_reconstruct</c> but not called.</summary>
internal sealed class NdarrayTypeConstructor : IObjectConstructor
{
    public object construct(object[] args) => throw new PickleDataException("numpy.ndarray may only be named as _reconstruct's subtype");
}

/// <summary><c>numpy.dtype('u1', False, True)</c>.</summary>
internal sealed class DtypeConstructor : IObjectConstructor
{
    public object construct(object[] args) =>
        args.Length >= 1 && args[0] is string descriptor
            ? new NumpyDtype(descriptor)
            : throw new PickleDataException("numpy.dtype expects a type string");
}

/// <summary><c>numpy.core.numeric._frombuffer(buffer, dtype, shape, order)</c>: how protocol 5 pickles an array.</summary>
internal sealed class FromBufferConstructor : IObjectConstructor
{
    public object construct(object[] args)
    {
        if (args.Length != 4 || args[1] is not NumpyDtype dtype || args[3] is not string order)
        {
            throw new PickleDataException("_frombuffer expects (buffer, dtype, shape, order)");
        }

        return NumpyArray.FromBuffer(NumpyValues.ToBytes(args[0]), dtype, NumpyValues.ToShape(args[2]), order == "F");
    }
}

/// <summary><c>numpy.core.multiarray.scalar(dtype, bytes)</c>: a numpy integer scalar.</summary>
internal sealed class ScalarConstructor : IObjectConstructor
{
    public object construct(object[] args)
    {
        if (args.Length != 2 || args[0] is not NumpyDtype dtype || !dtype.IsInteger)
        {
            throw new PickleDataException("only integer numpy scalars are supported");
        }

        var bytes = NumpyValues.ToBytes(args[1]).Span;
        return bytes.Length == dtype.ItemSize
            ? new NumpyScalar(NumpyValues.ReadInteger(bytes, dtype))
            : throw new PickleDataException($"a numpy scalar of dtype '{dtype}' holds {bytes.Length} bytes");
    }
}

/// <summary>
/// <c>_codecs.encode(text, 'latin1')</c>: how Python 3 writes <c>bytes</c> at protocol 2 (numpy's array data among
/// them). A pure function of its arguments; only Latin-1 is accepted.
/// </summary>
internal sealed class Latin1EncodeConstructor : IObjectConstructor
{
    public object construct(object[] args)
    {
        if (args.Length != 2 || args[0] is not string text || args[1] is not string encoding
            || encoding.ToLowerInvariant() is not ("latin1" or "latin-1" or "iso-8859-1" or "iso8859-1"))
        {
            throw new PickleDataException("_codecs.encode is only allowed as encode(str, 'latin1')");
        }

        return NumpyValues.Latin1Bytes(text);
    }
}
