namespace SchemaGen.Examples;

/// <summary>
/// Where the key of the feature being read lies, so a format error can name it. The default is <see cref="None"/>:
/// outside any feature.
/// </summary>
internal readonly struct ErrorContext
{
    // One field keeps cursors small: start + 1 in the high half (0 for none), length in the low half.
    private readonly long _key;

    public ErrorContext(int keyStart, int keyLength) => _key = ((long)(keyStart + 1) << 32) | (uint)keyLength;

    public static ErrorContext None => default;

    public bool HasKey => _key != 0;

    public int KeyStart => (int)(_key >> 32) - 1;

    public int KeyLength => (int)_key;
}
