namespace SchemaGen;

/// <summary>The bytes of a TFRecord stream (already decompressed), read front to back by a <see cref="StreamFrameReader"/>.</summary>
internal abstract class RecordSource : IDisposable
{
    /// <summary>Reads at most <paramref name="destination"/>'s length; 0 only at the end of the data.</summary>
    public abstract int Read(Span<byte> destination);

    /// <summary>Whether <see cref="Seek"/> works (plain, seekable input).</summary>
    public abstract bool CanSeek { get; }

    /// <summary>The length of the stream when the input knows it (a file, a seekable stream); null otherwise.</summary>
    public abstract long? Length { get; }

    /// <summary>Continues reading at <paramref name="offset"/> bytes from the start.</summary>
    public abstract void Seek(long offset);

    /// <inheritdoc/>
    public abstract void Dispose();

    /// <summary>Reads until <paramref name="destination"/> is full or the data ends; returns the bytes read.</summary>
    public int ReadUpTo(Span<byte> destination)
    {
        int total = 0;
        while (total < destination.Length)
        {
            int read = Read(destination[total..]);
            if (read <= 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
