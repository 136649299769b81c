using System.Text;

namespace SchemaGen.Examples;

/// <summary>
/// Where <see cref="FeatureSpanWriter"/> puts a Feature: under a map key (given as UTF-8 bytes or as a string and
/// written straight into the destination), or, for <see cref="Step"/>, as the next step of the open feature list.
/// </summary>
internal readonly ref struct EntryKey
{
    private readonly ReadOnlySpan<byte> _utf8;
    private readonly string? _text;
    private readonly bool _isKey;

    public EntryKey(ReadOnlySpan<byte> utf8)
    {
        _utf8 = utf8;
        ByteCount = utf8.Length;
        _isKey = true;
    }

    public EntryKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text, "key");
        _text = text;
        ByteCount = Encoding.UTF8.GetByteCount(text);
        _isKey = true;
    }

    /// <summary>No key: the Feature is a step of a FeatureList.</summary>
    public static EntryKey Step => default;

    public bool IsStep => !_isKey;

    /// <summary>Length of the key in UTF-8.</summary>
    public int ByteCount { get; }

    public void CopyTo(Span<byte> destination)
    {
        if (_text is null)
        {
            _utf8.CopyTo(destination);
        }
        else
        {
            Encoding.UTF8.GetBytes(_text, destination);
        }
    }
}
