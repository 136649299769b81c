using System.Buffers.Text;

namespace SchemaGen.Records;

/// <summary>Writes index lines <c>&lt;offset&gt; &lt;size&gt;\n</c> in ASCII, buffered.</summary>
internal sealed class TfRecordIndexWriter(Stream stream, bool leaveOpen) : IDisposable
{
    // Two 19-digit numbers, a space and a newline.
    private const int MaxLineLength = 40;

    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _used;

    public void Add(long offset, long size)
    {
        if (_buffer.Length - _used < MaxLineLength)
        {
            WriteBuffered();
        }

        var line = _buffer.AsSpan(_used);
        Utf8Formatter.TryFormat(offset, line, out int written);
        line[written++] = (byte)' ';
        Utf8Formatter.TryFormat(size, line[written..], out int sizeLength);
        written += sizeLength;
        line[written++] = (byte)'\n';
        _used += written;
    }

    public void Flush()
    {
        WriteBuffered();
        stream.Flush();
    }

    public void Dispose()
    {
        Flush();
        if (!leaveOpen)
        {
            stream.Dispose();
        }
    }

    private void WriteBuffered()
    {
        stream.Write(_buffer, 0, _used);
        _used = 0;
    }
}
