using System.Collections.Frozen;
using Razorvine.Pickle;

namespace SchemaGen.Conversion.Pickle;

/// <summary>
/// Unpickles dataset files (CIFAR batches) with Razorvine.Pickle, allowing only plain data and the numpy array
/// reconstructors. <see cref="PickleScanner"/> refuses any other global before Razorvine sees the bytes, so its
/// default constructors and its class-dict fallback are never reached.
/// </summary>
internal static class RestrictedUnpickler
{
    /// <summary>The globals a pickle may name: numpy 1 (<c>numpy.core</c>) and numpy 2 (<c>numpy._core</c>) spellings.</summary>
    public static readonly FrozenSet<string> AllowedGlobals = FrozenSet.ToFrozenSet(
    [
        "numpy.core.multiarray._reconstruct",
        "numpy._core.multiarray._reconstruct",
        "numpy.ndarray",
        "numpy.dtype",
        "numpy.core.multiarray.scalar",
        "numpy._core.multiarray.scalar",
        "numpy.core.numeric._frombuffer",
        "numpy._core.numeric._frombuffer",
        "_codecs.encode",
    ]);

    static RestrictedUnpickler()
    {
        var reconstruct = new ReconstructConstructor();
        var scalar = new ScalarConstructor();
        var fromBuffer = new FromBufferConstructor();
        Unpickler.registerConstructor("numpy.core.multiarray", "_reconstruct", reconstruct);
        Unpickler.registerConstructor("numpy._core.multiarray", "_reconstruct", reconstruct);
        Unpickler.registerConstructor("numpy", "ndarray", new NdarrayTypeConstructor());
        Unpickler.registerConstructor("numpy", "dtype", new DtypeConstructor());
        Unpickler.registerConstructor("numpy.core.multiarray", "scalar", scalar);
        Unpickler.registerConstructor("numpy._core.multiarray", "scalar", scalar);
        Unpickler.registerConstructor("numpy.core.numeric", "_frombuffer", fromBuffer);
        Unpickler.registerConstructor("numpy._core.numeric", "_frombuffer", fromBuffer);
        Unpickler.registerConstructor("_codecs", "encode", new Latin1EncodeConstructor());
    }

    /// <summary>Unpickles <paramref name="pickle"/>; every failure is a <see cref="DatasetFormatException"/> naming <paramref name="source"/>.</summary>
    public static object? Load(byte[] pickle, string source)
    {
        PickleScanner.Check(pickle, source, AllowedGlobals);
        try
        {
            using var unpickler = new Unpickler();
            return unpickler.loads(pickle);
        }
        catch (Exception e) when (e is PickleException or PickleDataException or InvalidCastException or NullReferenceException
            or IndexOutOfRangeException or ArgumentException or FormatException or OverflowException or InvalidOperationException)
        {
            // BUILD wraps __setstate__'s exception; report the innermost message, which says what was wrong.
            Exception cause = e;
            while (cause.InnerException is not null)
            {
                cause = cause.InnerException;
            }

            throw new DatasetFormatException(source, $"not a readable dataset pickle: {cause.Message}", e);
        }
    }
}
