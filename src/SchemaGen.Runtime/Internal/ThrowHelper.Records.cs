using System.Diagnostics.CodeAnalysis;

namespace SchemaGen.Internal;

/// <summary>Throws for the hot paths, so the methods that call these stay small.</summary>
internal static partial class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowWriterFaulted() =>
        throw new InvalidOperationException("An earlier write to the output failed; the file is incomplete and the writer takes no more records.");
}
