namespace SchemaGen.Runtime.Tests.Examples;

/// <summary>Lexicographic order of unsigned bytes: the UTF-8 key order protobuf's deterministic mode uses.</summary>
internal sealed class ByteArrayComparer : IComparer<byte[]>
{
    public static ByteArrayComparer Instance { get; } = new();

    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
}
