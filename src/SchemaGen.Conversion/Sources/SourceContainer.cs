using System.Buffers;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

using SchemaGen.Conversion.Internal;

namespace SchemaGen.Conversion.Sources;

/// <summary>
/// The files of a dataset, read once in their stored order: the members of a <c>.tar.gz</c> (or plain <c>.tar</c>)
/// streamed straight from the archive, nothing extracted, or the files under an extracted directory.
/// </summary>
/// <remarks>
/// Members are read into buffers rented from the shared array pool and stay valid until the container is disposed:
/// a process that converts again reuses them instead of faulting in some 180 MB of fresh pages (CIFAR-10) each time.
/// </remarks>
internal abstract class SourceContainer : IDisposable
{
    private readonly List<byte[]> _rented = [];

    /// <summary>Largest member read into memory by default (the CIFAR-100 train pickle is about 155 MB).</summary>
    public const long DefaultMaxMemberLength = 1L << 30;

    protected SourceContainer(string path, long maxMemberLength)
    {
        Path = path;
        MaxMemberLength = maxMemberLength;
    }

    /// <summary>The archive or directory as given.</summary>
    public string Path { get; }

    /// <summary>Largest member read into memory (<see cref="ConversionOptions.MaxSourceFileLength"/>).</summary>
    public long MaxMemberLength { get; }

    public static SourceContainer Open(string path, long maxMemberLength = DefaultMaxMemberLength)
    {
        if (Directory.Exists(path))
        {
            return new DirectoryContainer(path, maxMemberLength);
        }

        if (File.Exists(path))
        {
            return new TarContainer(path, maxMemberLength);
        }

        throw new FileNotFoundException($"{path}: no such file or directory.", path);
    }

    /// <summary>
    /// Calls <paramref name="accept"/> with each member in stored order; when it returns true, reads the member fully
    /// and calls <paramref name="read"/> with its bytes, valid until the container is disposed. Skipped members cost
    /// only their inflation.
    /// </summary>
    public abstract void ForEach(Func<SourceMember, bool> accept, Action<SourceMember, ReadOnlyMemory<byte>> read);

    /// <summary>The sha256 of every source file read, keyed by the name dataset_info.json gives it.</summary>
    public abstract IReadOnlyList<SourceDigest> Digests();

    /// <summary>Returns the members' buffers to the pool: nothing read from the container may be used after this.</summary>
    public void Dispose()
    {
        foreach (byte[] buffer in _rented)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _rented.Clear();
    }

    /// <summary>
    /// Reads <paramref name="member"/> whole. Its declared length is allocated only when the input could hold it
    /// (<paramref name="capacity"/>: what the archive can inflate to), so a forged length fails before anything is
    /// allocated for it.
    /// </summary>
    protected ReadOnlyMemory<byte> ReadMember(Stream content, SourceMember member, long capacity = long.MaxValue)
    {
        if (member.Length > MaxMemberLength)
        {
            throw new DatasetFormatException(member.DisplayName,
                $"{member.Length} bytes is larger than a dataset file may be ({MaxMemberLength}; ConversionOptions.MaxSourceFileLength)");
        }

        if (member.Length > capacity)
        {
            throw new DatasetFormatException(member.DisplayName, DatasetProblem.TruncatedBatch,
                $"truncated: the member declares {member.Length} bytes, more than the whole archive can hold ({capacity})");
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)member.Length);
        _rented.Add(buffer);
        var bytes = buffer.AsMemory(0, (int)member.Length);
        try
        {
            content.ReadExactly(bytes.Span);
        }
        catch (EndOfStreamException e)
        {
            throw new DatasetFormatException(member.DisplayName, DatasetProblem.TruncatedBatch, $"truncated: the archive ends inside this member of {member.Length} bytes", e);
        }

        return bytes;
    }

    private sealed class TarContainer(string path, long maxMemberLength) : SourceContainer(path, maxMemberLength)
    {
        // Deflate's largest ratio (258 bytes from a 2-bit code, with block overhead): no gzip member inflates further.
        private const long MaxInflationRatio = 1032;

        private Task<string?>? _digest;

        public override void ForEach(Func<SourceMember, bool> accept, Action<SourceMember, ReadOnlyMemory<byte>> read)
        {
            string display = System.IO.Path.GetFileName(Path);
            // The archive's sha256 is computed on a second core from the blocks read for the inflater.
            using var file = new HashingFileReader(Path);
            _digest = file.Digest;
            bool gzip = file.Peek(2) is [0x1f, 0x8b];
            long fileLength = new FileInfo(Path).Length;
            long capacity = gzip ? fileLength * MaxInflationRatio : fileLength;
            using Stream inflated = gzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file;
            using var archive = new CountingStream(inflated);
            using var tar = new TarReader(archive);
            string kind = gzip ? "tar.gz" : "tar";
            string? previous = null;
            while (true)
            {
                long headerOffset = archive.Position;
                TarEntry? entry;
                try
                {
                    entry = tar.GetNextEntry(copyData: false);
                }
                catch (Exception e) when (IsArchiveFault(e))
                {
                    string after = previous is null ? "" : $", after member '{previous}'";
                    throw new DatasetFormatException(display, DatasetProblem.CorruptArchive,
                        $"not a readable {kind} archive: the entry header at or after byte {headerOffset} of the tar{after}: {e.Message}", e);
                }

                if (entry is null)
                {
                    break;
                }

                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                {
                    continue;
                }

                string memberPath = entry.Name.TrimStart('.', '/');
                previous = memberPath;
                var member = new SourceMember(memberPath, NameOf(memberPath), $"{display}!{memberPath}", entry.Length);
                if (accept(member))
                {
                    long dataOffset = archive.Position;
                    ReadOnlyMemory<byte> bytes;
                    try
                    {
                        bytes = ReadMember(entry.DataStream, member, capacity);
                    }
                    catch (Exception e) when (IsArchiveFault(e))
                    {
                        throw new DatasetFormatException(member.DisplayName, DatasetProblem.CorruptArchive,
                            $"not a readable {kind} archive: the member's data at byte {dataOffset} of the tar: {e.Message}", e);
                    }

                    read(member, bytes);
                }
            }

            try
            {
                file.ReadToEnd();
            }
            catch (Exception e) when (IsArchiveFault(e))
            {
                throw new DatasetFormatException(display, DatasetProblem.CorruptArchive, $"not a readable {kind} archive: {e.Message}", e);
            }
        }

        public override IReadOnlyList<SourceDigest> Digests() =>
            [new SourceDigest(System.IO.Path.GetFileName(Path), _digest?.GetAwaiter().GetResult() ?? HashFile(Path))];

        // What System.Formats.Tar and the inflater throw for bad bytes (a base-256 size overflows, a sparse entry is
        // not supported, a date is out of range); a failure of the disk itself stays an IOException.
        // (DatasetFormatException is a FormatException: our own, already saying what is wrong, passes through.)
        private static bool IsArchiveFault(Exception e) =>
            e is not DatasetFormatException && e is InvalidDataException or EndOfStreamException or FormatException or OverflowException or NotSupportedException
                or ArgumentException or InvalidOperationException or IndexOutOfRangeException;
    }

    private sealed class DirectoryContainer(string path, long maxMemberLength) : SourceContainer(path, maxMemberLength)
    {
        private readonly List<SourceDigest> _digests = [];

        public override void ForEach(Func<SourceMember, bool> accept, Action<SourceMember, ReadOnlyMemory<byte>> read)
        {
            _digests.Clear();
            var root = System.IO.Path.GetFullPath(Path);
            var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Select(file => System.IO.Path.GetRelativePath(root, file).Replace('\\', '/'))
                .Order(StringComparer.Ordinal);
            foreach (string relative in files)
            {
                string full = System.IO.Path.Combine(root, relative);
                var member = new SourceMember(relative, NameOf(relative), full, new FileInfo(full).Length);
                if (accept(member))
                {
                    using var content = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
                    var bytes = ReadMember(content, member);
                    _digests.Add(new SourceDigest(relative, Hex.Lower(SHA256.HashData(bytes.Span))));
                    read(member, bytes);
                }
            }
        }

        public override IReadOnlyList<SourceDigest> Digests() => _digests;
    }

    private static string NameOf(string path) => path[(path.LastIndexOf('/') + 1)..];

    internal static string HashFile(string path)
    {
        // SHA256.HashData(Stream) reads 4 KiB at a time, 40,000 system calls for a CIFAR archive; this reads 1 MiB.
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            int read;
            while ((read = file.Read(buffer)) > 0)
            {
                sha256.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Hex.Lower(sha256.GetHashAndReset());
    }
}
