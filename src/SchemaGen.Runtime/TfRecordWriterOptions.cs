using System.IO.Compression;

namespace SchemaGen;

/// <summary>How a <see cref="TfRecordWriter"/> writes. The writer copies the values when it is created.</summary>
public sealed class TfRecordWriterOptions
{
    /// <summary>The compression of the whole file; <see cref="TfRecordCompression.None"/> by default.</summary>
    public TfRecordCompression Compression { get; set; }

    /// <summary>The compression level for GZIP and ZLIB; <see cref="CompressionLevel.Optimal"/> by default.</summary>
    public CompressionLevel CompressionLevel { get; set; } = CompressionLevel.Optimal;

    /// <summary>
    /// Whether to write an index (<c>&lt;offset&gt; &lt;size&gt;</c> per line, as DALI and the Python
    /// <c>tfrecord</c> package read it). A writer over a path writes <c>&lt;path&gt;.idx</c>; a writer over a stream
    /// needs <see cref="IndexStream"/>. Only uncompressed files can be indexed.
    /// </summary>
    public bool WriteIndex { get; set; }

    /// <summary>
    /// Where the index goes when <see cref="WriteIndex"/> is set (required for a writer over a stream). The writer
    /// flushes it but does not dispose it.
    /// </summary>
    public Stream? IndexStream { get; set; }

    /// <summary>The size of the write buffer, in bytes (default 1 MiB, at least 4 KiB).</summary>
    public int BufferSize { get; set; } = 1 << 20;
}
