using System.Text;
using SchemaGen.Records;

namespace SchemaGen.Runtime.Tests.Records;

public class TfRecordIndexTests
{
    private static readonly byte[][] Payloads = [.. Enumerable.Range(0, 40).Select(i => Framing.Payload(i * 300 % 7001, i))];

    [Fact]
    public void Build_on_mnist_gives_back_to_back_entries_ending_at_the_file_size()
    {
        string path = InteropFiles.Path("tensorflow-tfx/tfx/examples/mnist/data/mnist.tfrecord");
        var index = TfRecordIndex.Build(path);

        Assert.Equal(1000, index.Count); // MANIFEST
        Assert.Equal(new TfRecordIndexEntry(0, 3187 + 16), index[0]);
        for (int i = 1; i < index.Count; i++)
        {
            Assert.Equal(index[i - 1].Offset + index[i - 1].Size, index[i].Offset);
        }

        Assert.Equal(3203000, index[^1].Offset + index[^1].Size);
    }

    [Fact]
    public void Build_matches_the_offsets_of_a_hand_framed_file()
    {
        using var directory = new TempDirectory();
        string path = directory.File("records.tfrecord");
        File.WriteAllBytes(path, Framing.Frame(Payloads));

        var expected = Framing.Offsets(Payloads).Select((offset, i) => new TfRecordIndexEntry(offset, Payloads[i].Length + 16));
        Assert.Equal(expected, TfRecordIndex.Build(path));
    }

    [Fact]
    public void Build_refuses_a_compressed_file()
    {
        string path = InteropFiles.Path("tensorflow-tfx/tfx/examples/tfjs_next_page_prediction/data/data.tfrecord.gz");
        var error = Assert.Throws<NotSupportedException>(() => TfRecordIndex.Build(path));
        Assert.Contains("GZIP", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_the_text_format_and_reads_it_back()
    {
        using var directory = new TempDirectory();
        string path = directory.File("records.tfrecord.idx");
        TfRecordIndexEntry[] entries = [new(0, 40), new(40, 16), new(56, 12_345_678_901)];

        TfRecordIndex.Write(path, entries);

        Assert.Equal("0 40\n40 16\n56 12345678901\n", File.ReadAllText(path));
        Assert.Equal(entries, TfRecordIndex.Read(path));
    }

    [Fact]
    public void Read_accepts_crlf_and_blank_lines()
    {
        var text = new MemoryStream(Encoding.ASCII.GetBytes("0 20\r\n20  30\r\n\r\n"));
        Assert.Equal([new TfRecordIndexEntry(0, 20), new TfRecordIndexEntry(20, 30)], TfRecordIndex.Read(text));
    }

    [Theory]
    [InlineData("0 20\n20\n")]
    [InlineData("0 20\n20 x\n")]
    [InlineData("0 20\n-5 20\n")]
    [InlineData("0 20\n20 15\n")]
    [InlineData("0 20\n20 30 40\n")]
    public void Read_names_the_bad_line(string text)
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            TfRecordIndex.Read(new MemoryStream(Encoding.ASCII.GetBytes(text)), "a.idx"));
        Assert.StartsWith("a.idx, line 2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PathFor_appends_idx() => Assert.Equal("/d/train.tfrecord.idx", TfRecordIndex.PathFor("/d/train.tfrecord"));

    [Fact]
    public void The_writers_index_equals_what_Build_finds()
    {
        using var directory = new TempDirectory();
        string path = directory.File("records.tfrecord");
        using (var writer = new TfRecordWriter(path, new TfRecordWriterOptions { WriteIndex = true, BufferSize = 4096 }))
        {
            foreach (var payload in Payloads)
            {
                writer.Write(payload);
            }
        }

        var expected = string.Concat(Framing.Offsets(Payloads).Select((offset, i) => $"{offset} {Payloads[i].Length + 16}\n"));
        Assert.Equal(expected, File.ReadAllText(TfRecordIndex.PathFor(path)));
        Assert.Equal(TfRecordIndex.Build(path), TfRecordIndex.Read(TfRecordIndex.PathFor(path)));
    }

    [Fact]
    public void A_stream_writer_writes_its_index_to_the_given_stream()
    {
        var index = new MemoryStream();
        var output = new MemoryStream();
        using (var writer = new TfRecordWriter(output, new TfRecordWriterOptions { WriteIndex = true, IndexStream = index }))
        {
            writer.Write([1, 2]);
            writer.Write([]);
        }

        Assert.Equal("0 18\n18 16\n", Encoding.ASCII.GetString(index.ToArray()));
        Assert.True(index.CanWrite); // given in the options: flushed, not disposed
    }

    [Theory]
    [InlineData("path")]
    [InlineData("seekable stream")]
    public void TryReadAt_reads_the_record_at_each_entry_in_any_order(string input)
    {
        using var directory = new TempDirectory();
        var offsets = Framing.Offsets(Payloads);
        using var reader = TfRecordReaderTests.Open(input, Framing.Frame(Payloads), directory, new TfRecordReaderOptions { BufferSize = 4096 });

        var order = Enumerable.Range(0, Payloads.Length).ToArray();
        new Random(5).Shuffle(order);
        foreach (int i in order.Concat(order.Reverse()))
        {
            Assert.True(reader.TryReadAt(offsets[i], out var record));
            BytesAssert.Equal(Payloads[i], record.Span);
            Assert.Equal(offsets[i], reader.RecordOffset);
        }

        // Seek then read on: the records that follow come in order.
        reader.Seek(offsets[30]);
        BytesAssert.Equal(Payloads[30..], Framing.ReadAll(reader));
        Assert.False(reader.TryReadAt(offsets[^1] + Payloads[^1].Length + 16, out _));
    }

    [Fact]
    public void Seeking_clears_an_earlier_damage()
    {
        var file = Framing.Frame(Payloads[..3]);
        file[Framing.Offsets(Payloads[..3])[1] + 2] ^= 1;
        using var reader = new TfRecordReader(new MemoryStream(file));
        Assert.True(reader.TryReadNext(out _));
        Assert.Throws<TfRecordException>(() => reader.TryReadNext(out _));
        Assert.True(reader.TryReadAt(Framing.Offsets(Payloads[..3])[2], out var third));
        BytesAssert.Equal(Payloads[2], third.Span);
    }

    [Fact]
    public void A_non_seekable_stream_cannot_seek()
    {
        using var reader = new TfRecordReader(new NonSeekableStream(Framing.Frame(Payloads)));
        Assert.Throws<NotSupportedException>(() => reader.Seek(0));
    }
}
