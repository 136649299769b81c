using System.Text;

namespace SchemaGen.Examples;

/// <summary>
/// Orders strings as their UTF-8 bytes compare (ordinal): the order in which protobuf's deterministic mode writes map
/// keys and <see cref="ExampleWriter"/> requires them. It differs from <see cref="StringComparer.Ordinal"/> where
/// characters outside the Basic Multilingual Plane meet U+E000–U+FFFF; unpaired surrogates compare as U+FFFD, the
/// character UTF-8 encoding replaces them with.
/// </summary>
/// <example><code>foreach (var (key, value) in features.OrderBy(f => f.Key, FeatureKeyComparer.Instance)) { … }</code></example>
public sealed class FeatureKeyComparer : IComparer<string>
{
    private FeatureKeyComparer()
    {
    }

    /// <summary>The comparer.</summary>
    public static FeatureKeyComparer Instance { get; } = new();

    /// <summary>Compares two keys by their UTF-8 bytes.</summary>
    /// <param name="x">A key; null comes first.</param>
    /// <param name="y">Another key; null comes first.</param>
    /// <returns>Negative when <paramref name="x"/> comes first, zero when both encode the same, positive otherwise.</returns>
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        // Up to the first differing char the encodings agree; step back to the start of a surrogate pair cut there.
        int start = x.AsSpan().CommonPrefixLength(y);
        if (start > 0 && char.IsHighSurrogate(x[start - 1]))
        {
            start--;
        }

        // UTF-8 byte order is code point order, so compare scalar values from there on.
        ReadOnlySpan<char> left = x.AsSpan(start);
        ReadOnlySpan<char> right = y.AsSpan(start);
        while (!left.IsEmpty && !right.IsEmpty)
        {
            Rune.DecodeFromUtf16(left, out Rune a, out int leftLength);
            Rune.DecodeFromUtf16(right, out Rune b, out int rightLength);
            if (a != b)
            {
                return a.Value.CompareTo(b.Value);
            }

            left = left.Slice(leftLength);
            right = right.Slice(rightLength);
        }

        return left.IsEmpty ? (right.IsEmpty ? 0 : -1) : 1;
    }
}
