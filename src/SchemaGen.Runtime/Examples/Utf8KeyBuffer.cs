using System.Buffers;
using System.Text;

namespace SchemaGen.Examples;

/// <summary>A string key encoded to UTF-8 in a caller's stack buffer, or in a pooled array when it does not fit.</summary>
internal ref struct Utf8KeyBuffer
{
    private byte[]? _rented;

    public Utf8KeyBuffer(string key, Span<byte> stackBuffer)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> buffer = Encoding.UTF8.GetMaxByteCount(key.Length) <= stackBuffer.Length
            ? stackBuffer
            : _rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetByteCount(key));
        Bytes = buffer.Slice(0, Encoding.UTF8.GetBytes(key, buffer));
    }

    /// <summary>The key's UTF-8 bytes.</summary>
    public Span<byte> Bytes { get; }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
