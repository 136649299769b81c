namespace SchemaGen.Runtime.Tests.Records;

public class TfRecordDamageTests
{
    // Four records, 184 bytes framed.
    private static readonly byte[][] Payloads = [Framing.Payload(10, 1), [], Framing.Payload(60, 2), Framing.Payload(50, 3)];
    private static readonly long[] Starts = Framing.Offsets(Payloads);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_single_bit_flip_is_reported_where_tensorflow_reports_it(bool detectCompression)
    {
        var file = Framing.Frame(Payloads);
        var options = new TfRecordReaderOptions { Compression = detectCompression ? null : TfRecordCompression.None };
        for (int bit = 0; bit < file.Length * 8; bit++)
        {
            var damaged = (byte[])file.Clone();
            damaged[bit / 8] ^= (byte)(1 << (bit % 8));
            int index = Array.FindLastIndex(Starts, start => start <= bit / 8);
            long inRecord = bit / 8 - Starts[index];

            using var reader = new TfRecordReader(new MemoryStream(damaged), options);
            var read = new List<byte[]>();
            var error = Assert.Throws<TfRecordException>(() =>
            {
                while (reader.TryReadNext(out var record))
                {
                    read.Add(record.ToArray());
                }
            });

            // A flip in the length or its checksum fails the length check (verified first); one in the data or the
            // data checksum fails the data check, reported at the data's start.
            Assert.Equal(TfRecordDamageKind.Corrupted, error.Kind);
            Assert.Equal(inRecord < 12 ? Starts[index] : Starts[index] + 12, error.Offset);
            Assert.Contains($"corrupted record at {error.Offset}", error.Message, StringComparison.Ordinal);
            BytesAssert.Equal(Payloads[..index], read);
        }
    }

    public static TheoryData<string> Inputs => new() { "path", "seekable stream", "non-seekable stream", "one byte per read" };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Every_truncation_ends_cleanly_at_a_boundary_or_reports_the_partial_record(string input)
    {
        var file = Framing.Frame(Payloads);
        using var directory = new TempDirectory();
        for (int length = 0; length <= file.Length; length++)
        {
            using var reader = TfRecordReaderTests.Open(input, file[..length], directory);
            var read = new List<byte[]>();
            if (length == file.Length || Starts.Contains(length))
            {
                read = Framing.ReadAll(reader);
                Assert.Equal(Starts.Count(start => start < length), read.Count);
            }
            else
            {
                var error = Assert.Throws<TfRecordException>(() =>
                {
                    while (reader.TryReadNext(out var record))
                    {
                        read.Add(record.ToArray());
                    }
                });
                int partial = Array.FindLastIndex(Starts, start => start < length);
                Assert.Equal(TfRecordDamageKind.Truncated, error.Kind);
                Assert.Equal(Starts[partial], error.Offset);
                Assert.Contains($"truncated record at {Starts[partial]}", error.Message, StringComparison.Ordinal);
                Assert.Equal(partial, read.Count);
            }

            BytesAssert.Equal(Payloads[..read.Count], read);
        }
    }

    [Fact]
    public void A_stream_that_stops_delivering_mid_record_ends_in_a_truncation_not_a_hang()
    {
        var file = Framing.Frame(Payloads);
        var stream = new NonSeekableStream(file[..(int)(Starts[2] + 30)]);
        using var reader = new TfRecordReader(stream);
        Assert.True(reader.TryReadNext(out _));
        Assert.True(reader.TryReadNext(out _));
        var error = Assert.Throws<TfRecordException>(() => reader.TryReadNext(out _));
        Assert.Equal(Starts[2], error.Offset);
        Assert.True(stream.Reads < 10, $"{stream.Reads} reads");
    }

    [Fact]
    public void A_hostile_length_in_a_file_is_a_truncation_found_without_allocating()
    {
        using var directory = new TempDirectory();
        string path = directory.File("hostile.tfrecord");
        File.WriteAllBytes(path, [.. Framing.Frame(Payloads[0]), .. Framing.Header(1UL << 62), .. new byte[100]]);

        using var reader = new TfRecordReader(path);
        Assert.True(reader.TryReadNext(out _));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<TfRecordException>(() => reader.TryReadNext(out _));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(TfRecordDamageKind.Truncated, error.Kind);
        Assert.Equal(Starts[1], error.Offset);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 64 * 1024, $"{allocated} bytes allocated");
    }

    [Fact]
    public void A_hostile_length_in_a_file_under_the_limit_is_a_truncation_found_without_allocating()
    {
        using var directory = new TempDirectory();
        string path = directory.File("hostile.tfrecord");
        File.WriteAllBytes(path, [.. Framing.Header(1_000_000_000), .. new byte[100]]);

        using var reader = new TfRecordReader(path, new TfRecordReaderOptions { BufferSize = 4096 });
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<TfRecordException>(() => reader.TryReadNext(out _));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(TfRecordDamageKind.Truncated, error.Kind);
        Assert.Equal(0, error.Offset);
        Assert.True(allocated < 64 * 1024, $"{allocated} bytes allocated");
    }

    [Fact]
    public void A_hostile_length_in_a_stream_of_unknown_length_is_refused_without_allocating()
    {
        var stream = new NonSeekableStream([.. Framing.Header(1UL << 62), .. new byte[100]]);
        using var reader = new TfRecordReader(stream);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<TfRecordException>(() => reader.TryReadNext(out _));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(TfRecordDamageKind.TooLong, error.Kind);
        Assert.Equal(0, error.Offset);
        Assert.Contains("MaxRecordLength", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 64 * 1024, $"{allocated} bytes allocated");
    }

    [Fact]
    public void A_length_under_the_limit_grows_the_buffer_only_as_data_arrives()
    {
        // Claims 1 GB, delivers 200 KB: the buffer may double up to the data seen, never toward the claim.
        var stream = new NonSeekableStream([.. Framing.Header(1_000_000_000), .. new byte[200_000]], chunk: 10_000);
        using var reader = new TfRecordReader(stream, new TfRecordReaderOptions { BufferSize = 4096 });
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<TfRecordException>(() => reader.TryReadNext(out _));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(TfRecordDamageKind.Truncated, error.Kind);
        Assert.Equal(0, error.Offset);
        Assert.True(allocated < 1024 * 1024, $"{allocated} bytes allocated");
    }

    [Fact]
    public void MaxRecordLength_is_inclusive()
    {
        var file = Framing.Frame(Framing.Payload(1000, 1), Framing.Payload(1001, 2));
        using var reader = new TfRecordReader(new MemoryStream(file), new TfRecordReaderOptions { MaxRecordLength = 1000 });
        Assert.True(reader.TryReadNext(out var first));
        Assert.Equal(1000, first.Length);
        var error = Assert.Throws<TfRecordException>(() => reader.TryReadNext(out _));
        Assert.Equal(TfRecordDamageKind.TooLong, error.Kind);
        Assert.Equal(1016, error.Offset);
    }

    [Fact]
    public void Throw_keeps_throwing_the_same_damage()
    {
        var file = CorruptData(Framing.Frame(Payloads), record: 2);
        using var reader = new TfRecordReader(new MemoryStream(file));
        Assert.True(reader.TryReadNext(out _));
        Assert.True(reader.TryReadNext(out _));
        var first = Assert.Throws<TfRecordException>(() => reader.TryReadNext(out _));
        var second = Assert.Throws<TfRecordException>(() => reader.TryReadNext(out _));
        Assert.Same(first, second);
        Assert.Equal(Starts[2] + 12, first.Offset);
        Assert.Empty(reader.Damage);
    }

    [Fact]
    public void SkipRecord_steps_over_bad_data_and_counts_it()
    {
        var file = CorruptData(CorruptData(Framing.Frame(Payloads), record: 0), record: 2);
        using var reader = new TfRecordReader(new MemoryStream(file), new TfRecordReaderOptions { Policy = DamagePolicy.SkipRecord });

        BytesAssert.Equal([Payloads[1], Payloads[3]], Framing.ReadAll(reader));
        Assert.Equal(2, reader.SkippedRecords);
        Assert.False(reader.FileSkipped);
        Assert.Equal([Starts[0] + 12, Starts[2] + 12], reader.Damage.Select(d => d.Offset));
        Assert.All(reader.Damage, d => Assert.Equal(TfRecordDamageKind.Corrupted, d.Kind));
        Assert.Equal(Starts[3], reader.RecordOffset);
        Assert.False(reader.TryReadNext(out _));
    }

    [Fact]
    public void SkipRecord_ends_the_file_at_a_bad_length()
    {
        var file = Framing.Frame(Payloads);
        file[Starts[2] + 3] ^= 0x40;
        using var reader = new TfRecordReader(new MemoryStream(file), new TfRecordReaderOptions { Policy = DamagePolicy.SkipRecord });

        BytesAssert.Equal(Payloads[..2], Framing.ReadAll(reader));
        Assert.True(reader.FileSkipped);
        Assert.Equal(0, reader.SkippedRecords);
        var damage = Assert.Single(reader.Damage);
        Assert.Equal((TfRecordDamageKind.Corrupted, Starts[2]), (damage.Kind, damage.Offset));
        Assert.False(reader.TryReadNext(out _));
    }

    [Fact]
    public void SkipRecord_ends_the_file_at_a_truncation()
    {
        var file = Framing.Frame(Payloads)[..^5];
        using var reader = new TfRecordReader(new NonSeekableStream(file), new TfRecordReaderOptions { Policy = DamagePolicy.SkipRecord });

        BytesAssert.Equal(Payloads[..3], Framing.ReadAll(reader));
        Assert.True(reader.FileSkipped);
        var damage = Assert.Single(reader.Damage);
        Assert.Equal((TfRecordDamageKind.Truncated, Starts[3]), (damage.Kind, damage.Offset));
    }

    [Fact]
    public void SkipFile_ends_the_file_at_the_first_damage()
    {
        var file = CorruptData(Framing.Frame(Payloads), record: 2);
        using var reader = new TfRecordReader(new MemoryStream(file), new TfRecordReaderOptions { Policy = DamagePolicy.SkipFile });

        BytesAssert.Equal(Payloads[..2], Framing.ReadAll(reader));
        Assert.True(reader.FileSkipped);
        Assert.Equal(0, reader.SkippedRecords);
        Assert.Equal(Starts[2] + 12, Assert.Single(reader.Damage).Offset);
        Assert.False(reader.TryReadNext(out _));
    }

    [Fact]
    public void VerifyChecksums_off_skips_only_the_data_checksum()
    {
        var file = CorruptData(Framing.Frame(Payloads), record: 0);
        using (var reader = new TfRecordReader(new MemoryStream(file), new TfRecordReaderOptions { VerifyChecksums = false }))
        {
            Assert.Equal(Payloads.Length, Framing.ReadAll(reader).Count);
        }

        file[Starts[1]] ^= 1;
        using (var reader = new TfRecordReader(new MemoryStream(file), new TfRecordReaderOptions { VerifyChecksums = false }))
        {
            Assert.True(reader.TryReadNext(out _));
            Assert.Equal(Starts[1], Assert.Throws<TfRecordException>(() => reader.TryReadNext(out _)).Offset);
        }
    }

    [Fact]
    public void The_message_names_the_file()
    {
        using var directory = new TempDirectory();
        string path = directory.File("damaged.tfrecord");
        File.WriteAllBytes(path, CorruptData(Framing.Frame(Payloads), record: 0));
        using var reader = new TfRecordReader(path);
        var error = Assert.Throws<TfRecordException>(() => reader.TryReadNext(out _));
        Assert.StartsWith($"corrupted record at 12 in {path}: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.FilePath);
    }

    // Flips a bit in the last byte of the record's data checksum.
    private static byte[] CorruptData(byte[] file, int record)
    {
        file[Starts[record] + 16 + Payloads[record].Length - 1] ^= 0x01;
        return file;
    }
}
