using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Channels;
using SchemaGen.Conversion.Internal;
using SchemaGen.Internal;

namespace SchemaGen.Conversion.Sources;

/// <summary>
/// A forward-only stream over a file, read in 1 MiB blocks, each of which is also hashed (SHA-256) on another
/// thread: an archive is read from the page cache once, for its inflater and its digest both.
/// </summary>
internal sealed class HashingFileReader : ForwardOnlyStream
{
    private const int BlockSize = 1 << 20;

    private readonly FileStream _file;
    private readonly Channel<Block> _toHash = Channel.CreateUnbounded<Block>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Task<string?> _digest;
    private Block? _block;
    private int _offset;
    private volatile bool _atEnd;

    public HashingFileReader(string path)
    {
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        _digest = Task.Run(HashAsync);
    }

    /// <summary>The file's SHA-256 in lower-case hex once it has been read to its end; null if it was not.</summary>
    public Task<string?> Digest => _digest;

    /// <summary>The next bytes, up to <paramref name="count"/>, without consuming them (fewer at the end of the file).</summary>
    public ReadOnlySpan<byte> Peek(int count) =>
        _block is { } block && _offset < block.Length || NextBlock()
            ? _block!.Bytes.AsSpan(_offset, Math.Min(count, _block.Length - _offset))
            : [];

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty || ((_block is null || _offset == _block.Length) && !NextBlock()))
        {
            return 0;
        }

        int count = Math.Min(buffer.Length, _block!.Length - _offset);
        _block.Bytes.AsSpan(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }


    /// <summary>Reads what the inflater left unread (an archive's padding), so that the digest covers the whole file.</summary>
    public void ReadToEnd()
    {
        while (NextBlock())
        {
        }
    }


    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _block?.Release();
            _block = null;
            _toHash.Writer.TryComplete();
            _file.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool NextBlock()
    {
        _block?.Release();
        _block = null;
        if (_atEnd)
        {
            return false;
        }

        byte[] bytes = ArrayPool<byte>.Shared.Rent(BlockSize);
        int length = _file.ReadAtLeast(bytes.AsSpan(0, BlockSize), BlockSize, throwOnEndOfStream: false);
        if (length == 0)
        {
            ArrayPool<byte>.Shared.Return(bytes);
            _atEnd = true;
            _toHash.Writer.TryComplete();
            return false;
        }

        _block = new Block(bytes, length);
        _offset = 0;
        _toHash.Writer.TryWrite(_block);
        return true;
    }

    private async Task<string?> HashAsync()
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await foreach (var block in _toHash.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            sha256.AppendData(block.Bytes, 0, block.Length);
            block.Release();
        }

        return _atEnd ? Hex.Lower(sha256.GetHashAndReset()) : null;
    }

    /// <summary>A block of the file, returned to the pool once both the reader and the hash are done with it.</summary>
    private sealed class Block(byte[] bytes, int length)
    {
        private int _users = 2;

        public byte[] Bytes { get; } = bytes;

        public int Length { get; } = length;

        public void Release()
        {
            if (Interlocked.Decrement(ref _users) == 0)
            {
                ArrayPool<byte>.Shared.Return(Bytes);
            }
        }
    }
}
