namespace SchemaGen.Runtime.Tests.Records;

public class TfRecordReaderTests
{
    private static readonly byte[][] Payloads = [Framing.Payload(10, 1), [], Framing.Payload(3000, 2), Framing.Payload(1, 3), Framing.Payload(9000, 4)];

    public static TheoryData<string> Inputs => new() { "path", "seekable stream", "non-seekable stream", "one byte per read" };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Reads_every_record_with_its_offset(string input)
    {
        var file = Framing.Frame(Payloads);
        using var directory = new TempDirectory();
        using var reader = Open(input, file, directory, new TfRecordReaderOptions { BufferSize = 4096 });

        var offsets = Framing.Offsets(Payloads);
        Assert.Equal(-1, reader.RecordOffset);
        for (int i = 0; i < Payloads.Length; i++)
        {
            Assert.True(reader.TryReadNext(out var record));
            Assert.Equal(Payloads[i], record.ToArray());
            Assert.Equal(offsets[i], reader.RecordOffset);
            Assert.Equal(i + 1, reader.RecordsRead);
        }

        Assert.False(reader.TryReadNext(out _));
        Assert.False(reader.TryReadNext(out _));
        Assert.Equal(TfRecordCompression.None, reader.Compression);
        Assert.Equal(Payloads.Length, reader.RecordsRead);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Records_larger_than_the_buffer_grow_it(string input)
    {
        byte[][] payloads = [Framing.Payload(100, 1), Framing.Payload(5_000_000, 2), Framing.Payload(200, 3), Framing.Payload(300_000, 4)];
        using var directory = new TempDirectory();
        using var reader = Open(input == "one byte per read" ? "non-seekable stream" : input, Framing.Frame(payloads), directory,
            new TfRecordReaderOptions { BufferSize = 4096 });

        BytesAssert.Equal(payloads, Framing.ReadAll(reader));
    }

    [Fact]
    public void An_empty_file_has_no_records()
    {
        using var directory = new TempDirectory();
        File.WriteAllBytes(directory.File("empty.tfrecord"), []);
        using var reader = new TfRecordReader(directory.File("empty.tfrecord"));
        Assert.False(reader.TryReadNext(out _));
        Assert.Equal(TfRecordCompression.None, reader.Compression);
    }

    [Fact]
    public void Reading_allocates_nothing_per_record()
    {
        var payloads = Enumerable.Range(0, 2000).Select(i => Framing.Payload(3072, i)).ToArray();
        using var directory = new TempDirectory();
        string path = directory.File("records.tfrecord");
        File.WriteAllBytes(path, Framing.Frame(payloads));

        // The runtime's tiered JIT may allocate on this thread while it promotes the loop's methods, so the steady
        // state is the best of a few passes; any per-record allocation would show in every pass.
        long fewest = long.MaxValue;
        for (int pass = 0; pass < 5 && fewest >= 1024; pass++)
        {
            using var reader = new TfRecordReader(path);
            Assert.True(reader.TryReadNext(out _)); // first fill and one-time setup
            long before = GC.GetAllocatedBytesForCurrentThread();
            long total = 0;
            while (reader.TryReadNext(out var record))
            {
                total += record.Length;
            }

            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(1999L * 3072, total);
        }

        Assert.True(fewest < 1024, $"{fewest} bytes allocated for 1999 records");
    }

    [Fact]
    public void Offsets_of_a_stream_count_from_its_position_at_open()
    {
        var file = Framing.Frame(Payloads);
        var stream = new MemoryStream([.. new byte[] { 0xEE, 0xEE, 0xEE }, .. file]) { Position = 3 };
        using var reader = new TfRecordReader(stream);
        Assert.Equal(Payloads, Framing.ReadAll(reader));

        Assert.True(reader.TryReadAt(Framing.Offsets(Payloads)[2], out var third));
        Assert.Equal(Payloads[2], third.ToArray());
    }

    [Theory]
    [InlineData(0x8B1F)] // length bytes 1f 8b: the GZIP magic
    [InlineData(0x9C78)] // length bytes 78 9c: a ZLIB header
    [InlineData(0x0178)] // length bytes 78 01: a ZLIB header
    public void A_valid_header_whose_length_looks_like_a_magic_number_is_plain(int length)
    {
        var payload = Framing.Payload(length, length);
        using var reader = new TfRecordReader(new MemoryStream(Framing.Frame(payload)));
        Assert.Equal(TfRecordCompression.None, reader.Compression);
        Assert.True(reader.TryReadNext(out var record));
        Assert.Equal(payload, record.ToArray());
    }

    [Fact]
    public void ReadAll_and_ReadAllRecords_copy_every_record()
    {
        using var directory = new TempDirectory();
        string path = directory.File("records.tfrecord");
        File.WriteAllBytes(path, Framing.Frame(Payloads));

        Assert.Equal(Payloads, TfRecordReader.ReadAllRecords(path));
        using var reader = new TfRecordReader(path);
        Assert.Equal(Payloads, reader.ReadAll().ToList());
    }

    [Fact]
    public void LeaveOpen_decides_who_closes_the_stream()
    {
        var kept = new MemoryStream(Framing.Frame(Payloads));
        new TfRecordReader(kept, leaveOpen: true).Dispose();
        Assert.True(kept.CanRead);

        var closed = new MemoryStream(Framing.Frame(Payloads));
        new TfRecordReader(closed).Dispose();
        Assert.False(closed.CanRead);
    }

    [Fact]
    public void A_disposed_reader_refuses_to_read()
    {
        var reader = new TfRecordReader(new MemoryStream(Framing.Frame(Payloads)));
        reader.Dispose();
        reader.Dispose();
        Assert.Throws<ObjectDisposedException>(() => reader.TryReadNext(out _));
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        var stream = new MemoryStream();
        Assert.Throws<ArgumentOutOfRangeException>(() => new TfRecordReader(stream, new TfRecordReaderOptions { BufferSize = 100 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TfRecordReader(stream, new TfRecordReaderOptions { MaxRecordLength = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TfRecordReader(stream, new TfRecordReaderOptions { MaxRecordLength = long.MaxValue }));
        using var directory = new TempDirectory();
        Assert.Throws<FileNotFoundException>(() => new TfRecordReader(directory.File("missing.tfrecord")));
    }

    internal static TfRecordReader Open(string input, byte[] file, TempDirectory directory, TfRecordReaderOptions? options = null)
    {
        switch (input)
        {
            case "path":
                string path = directory.File(Guid.NewGuid().ToString("N") + ".tfrecord");
                File.WriteAllBytes(path, file);
                return new TfRecordReader(path, options);
            case "seekable stream":
                return new TfRecordReader(new MemoryStream(file), options, displayName: "memory");
            case "non-seekable stream":
                return new TfRecordReader(new NonSeekableStream(file), options);
            default:
                return new TfRecordReader(new NonSeekableStream(file, chunk: 1), options);
        }
    }
}
