using System.Globalization;
using SchemaGen.Storage;

namespace SchemaGen.Records;

/// <summary>
/// The index sidecar that DALI and the Python <c>tfrecord</c> package use: a text file <c>&lt;file&gt;.idx</c> with
/// one line <c>&lt;offset&gt; &lt;size&gt;</c> per record, size being the framed size (length + 16). Only plain
/// (uncompressed) files can be indexed. Pair it with <see cref="TfRecordReader.TryReadAt"/> for random access.
/// </summary>
public static class TfRecordIndex
{
    /// <summary>The conventional index path for a TFRecord file (or object address): the file's path + <c>.idx</c>.</summary>
    /// <param name="tfrecordPath">The TFRecord file.</param>
    /// <returns><c>&lt;tfrecordPath&gt;.idx</c>.</returns>
    public static string PathFor(string tfrecordPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(tfrecordPath);
        return tfrecordPath + ".idx";
    }

    /// <summary>Indexes a plain TFRecord file by reading it (every checksum is verified).</summary>
    /// <param name="tfrecordPath">The TFRecord file, or an object's address (<c>s3://bucket/key</c>).</param>
    /// <returns>One entry per record, in file order.</returns>
    /// <exception cref="NotSupportedException">The file is compressed.</exception>
    /// <exception cref="TfRecordException">The file is damaged.</exception>
    public static IReadOnlyList<TfRecordIndexEntry> Build(string tfrecordPath)
    {
        using var reader = new TfRecordReader(tfrecordPath);
        if (reader.Compression != TfRecordCompression.None)
        {
            throw new NotSupportedException(
                $"{tfrecordPath} is {CompressionStreams.Name(reader.Compression)}-compressed: compressed data has no byte offsets to index.");
        }

        var entries = new List<TfRecordIndexEntry>();
        while (reader.TryReadNext(out var record))
        {
            entries.Add(new TfRecordIndexEntry(reader.RecordOffset, record.Length + TfRecordFraming.Overhead));
        }

        return entries;
    }

    /// <summary>Reads an index file.</summary>
    /// <param name="indexPath">The index, usually <see cref="PathFor"/> of the TFRecord file; a file or an object's address.</param>
    /// <returns>The entries, in file order.</returns>
    /// <exception cref="InvalidDataException">A line is not <c>&lt;offset&gt; &lt;size&gt;</c>.</exception>
    public static IReadOnlyList<TfRecordIndexEntry> Read(string indexPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(indexPath);
        using Stream stream = ObjectFiles.IsObject(indexPath) ? ObjectFiles.OpenRead(indexPath) : File.OpenRead(indexPath);
        return Read(stream, indexPath);
    }

    /// <summary>Reads an index from a stream.</summary>
    /// <param name="stream">The index text (ASCII).</param>
    /// <param name="displayName">A name for error messages.</param>
    /// <returns>The entries, in order.</returns>
    /// <exception cref="InvalidDataException">A line is not <c>&lt;offset&gt; &lt;size&gt;</c>.</exception>
    public static IReadOnlyList<TfRecordIndexEntry> Read(Stream stream, string? displayName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var text = new StreamReader(stream, leaveOpen: true);
        var entries = new List<TfRecordIndexEntry>();
        int lineNumber = 0;
        while (text.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 2
                || !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out long offset)
                || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out long size)
                || size < TfRecordFraming.Overhead)
            {
                throw new InvalidDataException(
                    $"{displayName ?? "index"}, line {lineNumber}: expected '<offset> <size>' with size >= 16, found '{line}'.");
            }

            entries.Add(new TfRecordIndexEntry(offset, size));
        }

        return entries;
    }

    /// <summary>Writes an index file.</summary>
    /// <param name="indexPath">The index file to create (replaced if it exists), or an object's address (visible once
    /// written whole).</param>
    /// <param name="entries">The entries, in file order.</param>
    public static void Write(string indexPath, IEnumerable<TfRecordIndexEntry> entries)
    {
        ArgumentException.ThrowIfNullOrEmpty(indexPath);
        if (ObjectFiles.IsObject(indexPath))
        {
            var upload = ObjectFiles.Create(indexPath);
            try
            {
                Write(upload, entries);
            }
            catch
            {
                upload.Abandon();
                upload.Dispose();
                throw;
            }

            upload.Dispose();
            return;
        }

        using var stream = new FileStream(indexPath, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        Write(stream, entries);
    }

    /// <summary>Writes an index to a stream, which is left open.</summary>
    /// <param name="stream">Where the text goes.</param>
    /// <param name="entries">The entries, in file order.</param>
    public static void Write(Stream stream, IEnumerable<TfRecordIndexEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(entries);
        using var writer = new TfRecordIndexWriter(stream, leaveOpen: true);
        foreach (var entry in entries)
        {
            writer.Add(entry.Offset, entry.Size);
        }
    }
}
