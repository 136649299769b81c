using System.Collections.Frozen;
using Razorvine.Pickle;

namespace SchemaGen.Conversion.Pickle;

/// <summary>
/// Unpickles dataset files (CIFAR batches) with Razorvine.Pickle, allowing only plain data and the numpy array
/// reconstructors. <see cref="PickleScanner"/> refuses any other global before Razorvine sees the bytes, so its
/// default constructors and its class-dict fallback are never reached.
/// </summary>
/// <remarks>
/// Razorvine copies every string it reads, and widens a Python 2 <c>str</c> to UTF-16: a CIFAR batch's 30 MB of
/// pixels would become a 60 MB .NET string. So it is given the pickle without its long byte strings, each replaced by
/// protocol 5's <c>NEXT_BUFFER</c> opcode, and receives them as <see cref="PickleBuffer"/> views of the original bytes.
/// The scan refuses <c>NEXT_BUFFER</c> in the input, so every one Razorvine meets is a stand-in.
/// </remarks>
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
    public static object? Load(ReadOnlyMemory<byte> pickle, string source)
    {
        var cuts = new List<PickleCut>();
        PickleScanner.Check(pickle.Span, source, AllowedGlobals, cuts);
        var buffers = new List<PickleBuffer>();
        var standIn = cuts.Count == 0 ? pickle : CutOut(pickle, cuts, buffers);
        try
        {
            using var unpickler = new OutOfBandUnpickler(buffers);
            return unpickler.loads(standIn);
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

            throw new DatasetFormatException(source, DatasetProblem.RefusedPickle, $"not a readable dataset pickle: {cause.Message}", e);
        }
    }

    private static byte[] CutOut(ReadOnlyMemory<byte> pickle, List<PickleCut> cuts, List<PickleBuffer> buffers)
    {
        const byte NextBuffer = 0x97;
        int length = pickle.Length;
        foreach (var cut in cuts)
        {
            length -= cut.End - cut.Offset - (cut.Kind == PickleCutKind.Frame ? 0 : 1);
        }

        var standIn = new byte[length];
        var source = pickle.Span;
        int from = 0, to = 0;
        foreach (var cut in cuts)
        {
            source[from..cut.Offset].CopyTo(standIn.AsSpan(to));
            to += cut.Offset - from;
            if (cut.Kind != PickleCutKind.Frame)
            {
                standIn[to++] = NextBuffer;
                buffers.Add(new PickleBuffer(pickle.Slice(cut.DataOffset, cut.DataLength), cut.Kind == PickleCutKind.Python2String));
            }

            from = cut.End;
        }

        source[from..].CopyTo(standIn.AsSpan(to));
        return standIn;
    }

    /// <summary>Razorvine's unpickler, given the cut-out strings in order at its <c>NEXT_BUFFER</c> opcodes.</summary>
    private sealed class OutOfBandUnpickler(List<PickleBuffer> buffers) : Unpickler
    {
        private int _next;

        public override object nextBuffer() =>
            _next < buffers.Count ? buffers[_next++] : throw new PickleDataException("the pickle asks for more out-of-band buffers than it holds");
    }
}
