namespace SchemaGen.Runtime.Tests.Records;

public class TfRecordWriterTests
{
    [Fact]
    public void Uncompressed_output_equals_the_hand_framed_wire_bytes()
    {
        byte[][] payloads = [[], Framing.Payload(1, 1), Framing.Payload(100, 2), [], Framing.Payload(7000, 3)];
        var output = new MemoryStream();
        using (var writer = new TfRecordWriter(output, new TfRecordWriterOptions { BufferSize = 4096 }, leaveOpen: true))
        {
            foreach (var payload in payloads)
            {
                writer.Write(payload);
            }

            Assert.Equal(payloads.Length, writer.RecordsWritten);
        }

        Assert.Equal(Framing.Frame(payloads), output.ToArray());
    }

    [Fact]
    public void Reproduces_the_tensorflow_written_singles_file_byte_for_byte()
    {
        var file = File.ReadAllBytes(InteropFiles.Path("pwnall-tfrecord/testdata/singles.tfrecords"));
        Assert.Equal(Convert.FromHexString(
            "1800000000000000a37f4b22" + "0a160a140a0b696e745f6665617475726512051a030a012a" + "e66fc4f5" +
            "1d00000000000000602fdf23" + "0a1b0a190a0d666c6f61745f66656174757265120812060a04c3f54840" + "76d00f71" +
            "1d00000000000000602fdf23" + "0a1b0a190a0c627974655f6665617475726512090a070a054041424344" + "992b5272"), file);

        // Payloads cut out at the lengths MANIFEST gives (24, 29, 29), not found by our reader.
        byte[][] payloads = [file[12..36], file[(40 + 12)..(40 + 12 + 29)], file[(85 + 12)..(85 + 12 + 29)]];
        using var directory = new TempDirectory();
        string path = directory.File("singles.tfrecords");
        using (var writer = new TfRecordWriter(path))
        {
            foreach (var payload in payloads)
            {
                writer.Write(payload);
            }
        }

        Assert.Equal(file, File.ReadAllBytes(path));
    }

    [Fact]
    public void Write_with_a_callback_fills_the_buffer_in_place_and_frames_like_Write()
    {
        var payloads = Enumerable.Range(0, 50).Select(i => Framing.Payload(i * 37, i)).ToArray();
        var output = new MemoryStream();
        using (var writer = new TfRecordWriter(output, new TfRecordWriterOptions { BufferSize = 4096 }, leaveOpen: true))
        {
            foreach (var payload in payloads)
            {
                writer.Write(payload.Length, payload, static (span, p) => p.CopyTo(span));
            }
        }

        Assert.Equal(Framing.Frame(payloads), output.ToArray());
    }

    [Fact]
    public void Records_larger_than_the_buffer_go_through_whole()
    {
        byte[][] payloads = [Framing.Payload(10, 1), Framing.Payload(5_000_000, 2), Framing.Payload(20, 3), Framing.Payload(70_000, 4)];
        var output = new MemoryStream();
        using (var writer = new TfRecordWriter(output, new TfRecordWriterOptions { BufferSize = 64 * 1024 }, leaveOpen: true))
        {
            writer.Write(payloads[0]);
            writer.Write(payloads[1]);
            writer.Write(payloads[2]);
            writer.Write(payloads[3].Length, payloads[3], static (span, p) => p.CopyTo(span));
        }

        BytesAssert.Equal(Framing.Frame(payloads), output.ToArray());
    }

    [Fact]
    public void A_throwing_callback_writes_nothing_and_the_writer_goes_on()
    {
        var output = new MemoryStream();
        using (var writer = new TfRecordWriter(output, leaveOpen: true))
        {
            writer.Write([1, 2, 3]);
            Assert.Throws<FormatException>(() => writer.Write(10, 0, static (span, _) => throw new FormatException()));
            writer.Write([4]);
            Assert.Equal(2, writer.RecordsWritten);
        }

        Assert.Equal(Framing.Frame([1, 2, 3], [4]), output.ToArray());
    }

    [Fact]
    public void A_failing_output_reaches_the_caller_and_stops_the_writer()
    {
        var output = new FullDiskStream(capacity: 10_000);
        var writer = new TfRecordWriter(output, new TfRecordWriterOptions { BufferSize = 4096 });
        var failure = Assert.Throws<IOException>(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                writer.Write(Framing.Payload(1000, i));
            }
        });
        Assert.Equal("No space left on device", failure.Message);
        Assert.Throws<InvalidOperationException>(() => writer.Write([1]));
        Assert.Throws<InvalidOperationException>(writer.Flush);
        writer.Dispose(); // the first failure was reported; closing does not throw a second one
    }

    [Fact]
    public void A_failure_at_the_final_flush_is_thrown_from_Dispose()
    {
        var output = new FullDiskStream(capacity: 100);
        var writer = new TfRecordWriter(output);
        writer.Write(Framing.Payload(200, 1)); // buffered: nothing written yet
        Assert.Throws<IOException>(writer.Dispose);
    }

    [Fact]
    public async Task DisposeAsync_writes_the_buffered_records()
    {
        var output = new MemoryStream();
        var writer = new TfRecordWriter(output, leaveOpen: true);
        writer.Write([9, 8, 7]);
        await writer.DisposeAsync();
        Assert.Equal(Framing.Frame([9, 8, 7]), output.ToArray());
        Assert.Throws<ObjectDisposedException>(() => writer.Write([1]));
    }

    [Fact]
    public void Flush_pushes_buffered_records_to_the_output()
    {
        var output = new MemoryStream();
        using var writer = new TfRecordWriter(output, leaveOpen: true);
        writer.Write([1]);
        Assert.Equal(0, output.Length);
        writer.Flush();
        Assert.Equal(Framing.Frame([1]), output.ToArray());
    }

    [Fact]
    public void LeaveOpen_decides_who_closes_the_stream()
    {
        var kept = new MemoryStream();
        new TfRecordWriter(kept, leaveOpen: true).Dispose();
        Assert.True(kept.CanWrite);

        var closed = new MemoryStream();
        new TfRecordWriter(closed).Dispose();
        Assert.False(closed.CanWrite);

        var keptUnderGzip = new MemoryStream();
        using (var writer = new TfRecordWriter(keptUnderGzip, new TfRecordWriterOptions { Compression = TfRecordCompression.Gzip }, leaveOpen: true))
        {
            writer.Write([1, 2, 3]);
        }

        Assert.True(keptUnderGzip.CanWrite);
        var gzip = keptUnderGzip.ToArray();
        Assert.Equal([0x1F, 0x8B], gzip[..2]);
        Assert.Equal(19u, BitConverter.ToUInt32(gzip, gzip.Length - 4)); // ISIZE: the member was finished
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        var stream = new MemoryStream();
        Assert.Throws<ArgumentException>(() => new TfRecordWriter(stream, new TfRecordWriterOptions { WriteIndex = true }));
        Assert.Throws<ArgumentException>(() => new TfRecordWriter(stream, new TfRecordWriterOptions { IndexStream = new MemoryStream() }));
        Assert.Throws<ArgumentException>(() => new TfRecordWriter(stream, new TfRecordWriterOptions
        {
            WriteIndex = true, IndexStream = new MemoryStream(), Compression = TfRecordCompression.Gzip,
        }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TfRecordWriter(stream, new TfRecordWriterOptions { BufferSize = 10 }));
    }
}
