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

    /// <summary>Largest member read into memory (the CIFAR-100 train pickle is about 155 MB).</summary>
    public const long MaxMemberLength = 1L << 30;

    protected SourceContainer(string path)
    {
        Path = path;
    }

    /// <summary>The archive or directory as given.</summary>
    public string Path { get; }

    public static SourceContainer Open(string path)
    {
        if (Directory.Exists(path))
        {
            return new DirectoryContainer(path);
        }

        if (File.Exists(path))
        {
            return new TarContainer(path);
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

    protected ReadOnlyMemory<byte> ReadMember(Stream content, SourceMember member)
    {
        if (member.Length > MaxMemberLength)
        {
            throw new DatasetFormatException(member.DisplayName, $"{member.Length} bytes is larger than a dataset file can be ({MaxMemberLength})");
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

    private sealed class TarContainer(string path) : SourceContainer(path)
    {
        private Task<string?>? _digest;

        public override void ForEach(Func<SourceMember, bool> accept, Action<SourceMember, ReadOnlyMemory<byte>> read)
        {
            string display = System.IO.Path.GetFileName(Path);
            // The archive's sha256 is computed on a second core from the blocks read for the inflater.
            using var file = new HashingFileReader(Path);
            _digest = file.Digest;
            bool gzip = file.Peek(2) is [0x1f, 0x8b];
            using Stream archive = gzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file;
            using var tar = new TarReader(archive);
            try
            {
                while (tar.GetNextEntry(copyData: false) is { } entry)
                {
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                    {
                        continue;
                    }

                    string memberPath = entry.Name.TrimStart('.', '/');
                    var member = new SourceMember(memberPath, NameOf(memberPath), $"{display}!{memberPath}", entry.Length);
                    if (accept(member))
                    {
                        read(member, ReadMember(entry.DataStream, member));
                    }
                }

                file.ReadToEnd();
            }
            // A DatasetFormatException (a FormatException too) already names the member: it passes through.
            catch (Exception e) when (e is not DatasetFormatException and (InvalidDataException or FormatException or EndOfStreamException or InvalidOperationException))
            {
                throw new DatasetFormatException(display, DatasetProblem.CorruptArchive, $"not a readable {(gzip ? "tar.gz" : "tar")} archive: {e.Message}", e);
            }
        }

        public override IReadOnlyList<SourceDigest> Digests() =>
            [new SourceDigest(System.IO.Path.GetFileName(Path), _digest?.GetAwaiter().GetResult() ?? HashFile(Path))];
    }

    private sealed class DirectoryContainer(string path) : SourceContainer(path)
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
