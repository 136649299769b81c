using System.Buffers.Binary;
using System.IO.Compression;
using SchemaGen.Checksums;
using SchemaGen.Internal;

namespace SchemaGen.Records;

/// <summary>
/// A GZIP or ZLIB decompressor that fails when its input ends before the compressed stream does. .NET's decompressors
/// end quietly there, so a file cut at a record boundary (or inside the GZIP header) would read as a shorter, valid
/// file. At the end this checks the trailer the input ends with: a GZIP member's holds the length of its data
/// (mod 2^32), a ZLIB stream's the Adler-32 of its data. Either way a cut input ends with bytes that match by chance
/// once in 2^32.
/// </summary>
internal sealed class CheckedDecompressionStream : ForwardOnlyStream
{
    // A GZIP member's 10-byte header, the 2 bytes of an empty deflate stream, the 8-byte trailer; ZLIB's 2 + 2 + 4.
    private const int GzipMinimum = 20;
    private const int ZlibMinimum = 8;

    private readonly TailKeepingStream _input;
    private readonly Stream _decompressor;
    private readonly TfRecordCompression _compression;
    private long _length;
    private uint _adler = Adler32.Initial;
    private bool _ended;

    public CheckedDecompressionStream(Stream compressed, TfRecordCompression compression, bool leaveOpen)
    {
        _input = new TailKeepingStream(compressed, leaveOpen, gzip: compression == TfRecordCompression.Gzip);
        _compression = compression;
        _decompressor = CompressionStreams.Decompress(_input, compression, leaveOpen: false);
    }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty || _ended)
        {
            return 0;
        }

        int read = _decompressor.Read(buffer);
        if (read > 0)
        {
            _length += read;
            if (_compression == TfRecordCompression.Zlib)
            {
                _adler = Adler32.Update(_adler, buffer[..read]);
            }

            return read;
        }

        _ended = true;
        CheckEnd();
        return 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _decompressor.Dispose();
        }

        base.Dispose(disposing);
    }

    private void CheckEnd()
    {
        long total = _input.BytesRead;
        if (total == 0)
        {
            // No stream at all: an empty file holds no records, as TensorFlow reads it.
            return;
        }

        var tail = _input.Tail;
        if (_compression == TfRecordCompression.Zlib)
        {
            if (total < ZlibMinimum || BinaryPrimitives.ReadUInt32BigEndian(tail[4..]) != _adler)
            {
                throw CutShort(
                    $"the ZLIB stream ends after {total} bytes without the Adler-32 of the {_length} bytes it held: the file is cut short");
            }

            return;
        }

        uint size = BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]);
        bool tooLarge = false;
        if (total >= GzipMinimum && (size == (uint)_length || LastMemberEndsWith(size, out tooLarge)))
        {
            return;
        }

        throw CutShort(tooLarge
            ? $"the GZIP stream ends after {total} bytes with a member over {TailKeepingStream.MaxKeptMember >> 20} MiB whose end an unseekable input cannot check: the file may be cut short (read it from a file or a seekable stream)"
            : $"the GZIP stream ends after {total} bytes without a member trailer that closes the {_length} bytes it held: the file is cut short");
    }

    /// <summary>Whether <paramref name="error"/> says the input ended before the compressed stream did.</summary>
    public static bool IsCutShort(InvalidDataException error) => error.InnerException is EndOfStreamException;

    private static InvalidDataException CutShort(string message) => new(message, new EndOfStreamException());

    // A file of several GZIP members (concatenated files) ends with the last member's trailer, which counts only that
    // member's data: decompresses the last member again to count it.
    private bool LastMemberEndsWith(uint size, out bool tooLarge)
    {
        using var member = _input.OpenLastMember(out tooLarge);
        if (member is null)
        {
            return false;
        }

        try
        {
            using var decompressor = new GZipStream(member, CompressionMode.Decompress);
            long length = 0;
            var buffer = new byte[1 << 16];
            int read;
            while ((read = decompressor.Read(buffer)) > 0)
            {
                length += read;
            }

            return (uint)length == size && length <= _length;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
