using System.IO.Compression;
using SchemaGen.Records;

namespace SchemaGen.Runtime.Tests.Records;

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

    [Theory]
    [InlineData("path")]
    [InlineData("seekable stream")]
    [InlineData("non-seekable stream")]
    [InlineData("one byte per read")]
    public void Concatenated_gzip_members_are_read_through(string input)
    {
        var first = Compress(Framing.Frame(Payloads[..10]), TfRecordCompression.Gzip);
        var second = Compress(Framing.Frame(Payloads[10..20]), TfRecordCompression.Gzip);
        using var directory = new TempDirectory();
        using var reader = TfRecordReaderTests.Open(input, [.. first, .. second], directory);
        Assert.Equal(TfRecordCompression.Gzip, reader.Compression);
        BytesAssert.Equal(Payloads[..20], Framing.ReadAll(reader));
        Assert.Equal(Framing.Offsets(Payloads[..20])[^1], reader.RecordOffset);
    }

    // .NET's decompressors end quietly when their input does: a file cut where a record ends would read as a shorter,
    // whole file. The reader checks the stream's trailer, so every cut is a truncation, at the first missing record.
    [Theory]
    [InlineData(TfRecordCompression.Gzip, "path")]
    [InlineData(TfRecordCompression.Gzip, "seekable stream")]
    [InlineData(TfRecordCompression.Gzip, "non-seekable stream")]
    [InlineData(TfRecordCompression.Zlib, "path")]
    [InlineData(TfRecordCompression.Zlib, "non-seekable stream")]
    public void Every_cut_of_a_compressed_file_is_a_truncation_after_the_records_before_it(TfRecordCompression compression, string input)
    {
        var payloads = Payloads[..12];
        var file = Compress(Framing.Frame(payloads), compression);
        using var directory = new TempDirectory();
        for (int cut = 1; cut < file.Length; cut++)
        {
            using var reader = TfRecordReaderTests.Open(input, file[..cut], directory, new TfRecordReaderOptions { Compression = compression });
            var read = new List<byte[]>();
            var error = Assert.Throws<TfRecordException>(() =>
            {
                while (reader.TryReadNext(out var record))
                {
                    read.Add(record.ToArray());
                }
            });
            Assert.Equal(TfRecordDamageKind.Truncated, error.Kind);
            BytesAssert.Equal(payloads[..read.Count], read);
            Assert.Equal(read.Count == payloads.Length ? Framing.Frame(payloads).Length : Framing.Offsets(payloads)[read.Count], error.Offset);
        }
    }

    [Theory]
    [InlineData("path")]
    [InlineData("seekable stream")]
    [InlineData("non-seekable stream")]
    public void A_cut_in_the_last_of_several_gzip_members_is_a_truncation(string input)
    {
        var first = Compress(Framing.Frame(Payloads[..10]), TfRecordCompression.Gzip);
        var second = Compress(Framing.Frame(Payloads[10..20]), TfRecordCompression.Gzip);
        byte[] file = [.. first, .. second];
        using var directory = new TempDirectory();
        for (int cut = first.Length + 1; cut < file.Length; cut += 7)
        {
            using var reader = TfRecordReaderTests.Open(input, file[..cut], directory);
            var error = Assert.Throws<TfRecordException>(() => Framing.ReadAll(reader));
            Assert.Equal(TfRecordDamageKind.Truncated, error.Kind);
        }
    }

    [Fact]
    public void An_unseekable_input_says_when_a_later_member_is_too_large_to_check()
    {
        var random = new Random(8);
        var large = new byte[TailKeepingStream.MaxKeptMember + (1 << 20)];
        random.NextBytes(large);
        var first = Compress(Framing.Frame(Payloads[..3]), TfRecordCompression.Gzip);
        var second = Compress(Framing.Frame(large), TfRecordCompression.Gzip);
        using var reader = new TfRecordReader(new NonSeekableStream([.. first, .. second]));
        var error = Assert.Throws<TfRecordException>(() => Framing.ReadAll(reader));
        Assert.Equal(TfRecordDamageKind.Truncated, error.Kind);
        Assert.Contains("seekable stream", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TfRecordCompression.Gzip)]
    [InlineData(TfRecordCompression.Zlib)]
    public void An_empty_compressed_input_holds_no_records(TfRecordCompression compression)
    {
        using var reader = new TfRecordReader(new MemoryStream(), new TfRecordReaderOptions { Compression = compression });
        Assert.Empty(Framing.ReadAll(reader));
    }

    [Fact]
    public void A_tensorflow_gzip_file_cut_anywhere_is_a_truncation()
    {
        // Written by TFX (Beam's WriteToTFRecord), 100 records: an oracle for the whole file being accepted, too.
        var file = File.ReadAllBytes(InteropFiles.Path("tensorflow-tfx/tfx/components/testdata/penguin/data/Split-eval/data_tfrecord-00000-of-00001.gz"));
        using (var whole = new TfRecordReader(new MemoryStream(file)))
        {
            Assert.Equal(100, Framing.ReadAll(whole).Count);
        }

        for (int cut = 1; cut < file.Length; cut += 3)
        {
            using var reader = new TfRecordReader(new MemoryStream(file[..cut]), new TfRecordReaderOptions { Compression = TfRecordCompression.Gzip });
            var error = Assert.Throws<TfRecordException>(() => Framing.ReadAll(reader));
            Assert.Equal(TfRecordDamageKind.Truncated, error.Kind);
        }
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
