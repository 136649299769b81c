using System.IO.Compression;
using SchemaGen.Tests.Infrastructure;

namespace SchemaGen.Tests.Records;

public class TfRecordCompressionTests
{
    private static readonly byte[][] Payloads = [.. Enumerable.Range(0, 300).Select(i => Framing.Payload(i % 7 == 0 ? 0 : 50 + i, i)), Framing.Payload(1_500_000, 99)];

    public static TheoryData<TfRecordCompression, CompressionLevel> Settings => new()
    {
        { TfRecordCompression.None, CompressionLevel.Optimal },
        { TfRecordCompression.Gzip, CompressionLevel.Optimal },
        { TfRecordCompression.Gzip, CompressionLevel.Fastest },
        { TfRecordCompression.Zlib, CompressionLevel.Optimal },
        { TfRecordCompression.Zlib, CompressionLevel.Fastest },
        { TfRecordCompression.Zlib, CompressionLevel.SmallestSize },
        { TfRecordCompression.Zlib, CompressionLevel.NoCompression },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Files_round_trip_and_their_compression_is_detected(TfRecordCompression compression, CompressionLevel level)
    {
        using var directory = new TempDirectory();
        string path = directory.File("records.tfrecord");
        using (var writer = new TfRecordWriter(path, new TfRecordWriterOptions { Compression = compression, CompressionLevel = level }))
        {
            foreach (var payload in Payloads)
            {
                writer.Write(payload);
            }
        }

        // The whole stream is compressed, not each record: decompressing it independently gives the plain framing.
        var file = File.ReadAllBytes(path);
        BytesAssert.Equal(Framing.Frame(Payloads), Decompress(file, compression));

        foreach (var input in new[] { "path", "seekable stream", "non-seekable stream" })
        {
            using var reader = TfRecordReaderTests.Open(input, file, directory, new TfRecordReaderOptions { BufferSize = 4096 });
            Assert.Equal(compression, reader.Compression);
            BytesAssert.Equal(Payloads, Framing.ReadAll(reader));
            Assert.Equal(Framing.Offsets(Payloads)[^1], reader.RecordOffset);
        }
    }

    [Fact]
    public void Concatenated_gzip_members_are_read_through()
    {
        var first = Compress(Framing.Frame(Payloads[..10]), TfRecordCompression.Gzip);
        var second = Compress(Framing.Frame(Payloads[10..20]), TfRecordCompression.Gzip);
        using var reader = new TfRecordReader(new NonSeekableStream([.. first, .. second]));
        Assert.Equal(TfRecordCompression.Gzip, reader.Compression);
        BytesAssert.Equal(Payloads[..20], Framing.ReadAll(reader));
        Assert.Equal(Framing.Offsets(Payloads[..20])[^1], reader.RecordOffset);
    }

    [Theory]
    [InlineData(TfRecordCompression.Gzip)]
    [InlineData(TfRecordCompression.Zlib)]
    public void Detection_works_on_a_stream_that_delivers_one_byte_per_read(TfRecordCompression compression)
    {
        var compressed = Compress(Framing.Frame(Payloads[..30]), compression);
        using var reader = new TfRecordReader(new NonSeekableStream(compressed, chunk: 1));
        Assert.Equal(compression, reader.Compression);
        BytesAssert.Equal(Payloads[..30], Framing.ReadAll(reader));
    }

    [Fact]
    public void An_explicit_compression_skips_detection()
    {
        var gzip = Compress(Framing.Frame(Payloads[..5]), TfRecordCompression.Gzip);
        using (var reader = new TfRecordReader(new MemoryStream(gzip), new TfRecordReaderOptions { Compression = TfRecordCompression.Gzip }))
        {
            BytesAssert.Equal(Payloads[..5], Framing.ReadAll(reader));
        }

        // Read as plain, as TensorFlow would with compression_type="": the "length" fails its checksum.
        using (var reader = new TfRecordReader(new MemoryStream(gzip), new TfRecordReaderOptions { Compression = TfRecordCompression.None }))
        {
            var error = Assert.Throws<TfRecordException>(() => reader.TryReadNext(out _));
            Assert.Equal((TfRecordDamageKind.Corrupted, 0L), (error.Kind, error.Offset));
        }
    }

    [Fact]
    public void Invalid_compressed_data_is_reported_as_corruption()
    {
        var gzip = Compress(Framing.Frame(Payloads[..50]), TfRecordCompression.Gzip);
        for (int at = 20; at < gzip.Length - 8; at += 97)
        {
            var damaged = (byte[])gzip.Clone();
            damaged[at] ^= 0xFF;
            using var reader = new TfRecordReader(new MemoryStream(damaged));
            var error = Assert.Throws<TfRecordException>(() => Framing.ReadAll(reader));
            Assert.Equal(TfRecordDamageKind.Corrupted, error.Kind);
        }
    }

    [Fact]
    public void Invalid_compressed_data_ends_the_file_under_SkipRecord()
    {
        var zlib = Compress(Framing.Frame(Payloads[..50]), TfRecordCompression.Zlib);
        zlib[2] = 0xFF; // the first deflate block header: an invalid block type
        using var reader = new TfRecordReader(new MemoryStream(zlib), new TfRecordReaderOptions { Policy = DamagePolicy.SkipRecord });
        Assert.False(reader.TryReadNext(out _));
        Assert.True(reader.FileSkipped);
        var damage = Assert.Single(reader.Damage);
        Assert.Equal(TfRecordDamageKind.Corrupted, damage.Kind);
        Assert.Contains("ZLIB data is invalid", damage.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidDataException>(damage.InnerException);
    }

    [Fact]
    public void A_truncated_gzip_file_reports_the_partial_record()
    {
        var gzip = Compress(Framing.Frame(Payloads[..3]), TfRecordCompression.Gzip);
        using var reader = new TfRecordReader(new MemoryStream(gzip[..(gzip.Length / 2)]));
        var error = Assert.Throws<TfRecordException>(() => Framing.ReadAll(reader));
        Assert.Equal(TfRecordDamageKind.Truncated, error.Kind);
        Assert.Contains(error.Offset, Framing.Offsets(Payloads[..3]));
    }

    [Fact]
    public void Compressed_input_cannot_seek()
    {
        var gzip = Compress(Framing.Frame(Payloads[..3]), TfRecordCompression.Gzip);
        using var reader = new TfRecordReader(new MemoryStream(gzip));
        var error = Assert.Throws<NotSupportedException>(() => reader.Seek(0));
        Assert.Contains("GZIP", error.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => reader.TryReadAt(0, out _));
    }

    private static byte[] Compress(byte[] data, TfRecordCompression compression)
    {
        var output = new MemoryStream();
        using (Stream compressor = compression == TfRecordCompression.Gzip
            ? new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)
            : new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            compressor.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Decompress(byte[] data, TfRecordCompression compression)
    {
        if (compression == TfRecordCompression.None)
        {
            return data;
        }

        using Stream decompressor = compression == TfRecordCompression.Gzip
            ? new GZipStream(new MemoryStream(data), CompressionMode.Decompress)
            : new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
        var output = new MemoryStream();
        decompressor.CopyTo(output);
        return output.ToArray();
    }
}
